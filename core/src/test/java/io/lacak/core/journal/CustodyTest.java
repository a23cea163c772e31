package io.lacak.core.journal;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.TestPostgres;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain of custody of a code and the holders of a batch, derived from the journal. */
class CustodyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32]));
    private static final LocalDate EXPIRY = LocalDate.of(2028, 12, 31);

    @TempDir
    Path dir;

    private CodeStore store;
    private Sequencer sequencer;
    private Custody custody;
    private int mfr;
    private int pbf;
    private int apotek;
    private int product;

    @BeforeEach
    void setUp() throws Exception {
        TestPostgres.reset();
        mfr = TestPostgres.facility("MFR-001", "MANUFACTURER");
        pbf = TestPostgres.facility("PBF-001", "DISTRIBUTOR");
        apotek = TestPostgres.facility("APT-001", "PHARMACY");
        product = TestPostgres.product("DKL1234567890A1", "MFR-001");
        store = CodeStore.open(
                new StoreOptions().setDirectory(dir.resolve("store")).setInitialCodes(10_000));
        sequencer = await(Sequencer.start(TestPostgres.vertx(), TestPostgres.pool(), store, KEYS, CLOCK));
        custody = new Custody(TestPostgres.vertx(), TestPostgres.pool(), store, sequencer.referenceData());
    }

    @AfterEach
    void tearDown() throws Exception {
        sequencer.close();
        store.close();
    }

    private CodeRef code(String serial) {
        return new CodeRef(product, serial, "B1", EXPIRY);
    }

    private void submit(
            ReportKind kind,
            int by,
            Instant at,
            java.util.function.Function<io.lacak.core.lifecycle.Ledger, io.lacak.core.lifecycle.Decision> decide)
            throws Exception {
        Receipt r = await(sequencer.submit(new Report(kind, by, at, null, decide)));
        assertThat(r.outcome().fullyAccepted())
                .as(kind + " " + r.outcome().refused())
                .isTrue();
    }

    @Test
    void aUnitsChainFollowsItsBoxAndPalletWhilePacked() throws Exception {
        List<UsageLine> lines = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            lines.add(new UsageLine(code("UNIT" + u), Use.ACTIVE, code("BOX" + (u / 2)), code("PALLET")));
        }
        submit(ReportKind.USAGE, mfr, NOW, l -> l.usage(mfr, lines, Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, mfr, NOW, l -> l.ship(mfr, pbf, List.of(code("PALLET")), Mode.ATOMIC));
        submit(
                ReportKind.RECEIPT,
                pbf,
                NOW.minus(Duration.ofHours(30)),
                l -> l.receive(pbf, List.of(code("PALLET")), Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, pbf, NOW, l -> l.ship(pbf, apotek, List.of(code("BOX1")), Mode.ATOMIC));
        submit(ReportKind.RECEIPT, apotek, NOW, l -> l.receive(apotek, List.of(code("BOX1")), Mode.ATOMIC));
        submit(ReportKind.SALE, apotek, NOW, l -> l.sell(apotek, List.of(code("UNIT3")), Mode.ATOMIC));

        assertThat(await(custody.catchUp())).isEqualTo(6);
        List<CustodyEvent> chain = await(custody.chain(CodeKey.encode(product, "UNIT3", new byte[20])));

        assertThat(chain).extracting(CustodyEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(chain)
                .extracting(CustodyEvent::kind)
                .containsExactly("USAGE", "SHIPMENT", "RECEIPT", "SHIPMENT", "RECEIPT", "SALE");
        assertThat(chain).extracting(CustodyEvent::inherited).containsExactly(false, true, true, true, true, false);
        assertThat(chain)
                .extracting(CustodyEvent::holder)
                .containsExactly("MFR-001", "MFR-001", "PBF-001", "PBF-001", "APT-001", "APT-001");
        assertThat(chain.get(1).counterparty()).isEqualTo("PBF-001");
        assertThat(chain.get(2).late()).isTrue(); // Pasal 12(5): reported 30 hours after the receipt
        assertThat(chain.get(5).status()).isEqualTo("SOLD");

        // UNIT0 stayed on the pallet at the distributor
        List<CustodyEvent> other = await(custody.chain(CodeKey.encode(product, "UNIT0", new byte[20])));
        assertThat(other).extracting(CustodyEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void lampiranL_a_5_holdersOfABatchAreEveryoneInItsDistributionPath() throws Exception {
        submit(
                ReportKind.USAGE,
                mfr,
                NOW,
                l -> l.usage(
                        mfr,
                        List.of(
                                new UsageLine(code("U1"), Use.ACTIVE, null, null),
                                new UsageLine(code("U2"), Use.ACTIVE, null, null)),
                        Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, mfr, NOW, l -> l.ship(mfr, pbf, List.of(code("U1")), Mode.ATOMIC));
        submit(ReportKind.RECEIPT, pbf, NOW, l -> l.receive(pbf, List.of(code("U1")), Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, pbf, NOW, l -> l.ship(pbf, apotek, List.of(code("U1")), Mode.ATOMIC));
        await(custody.catchUp());
        await(custody.catchUp()); // nothing new: idempotent

        int batch = sequencer.referenceData().findBatch(product, "B1").ref();
        assertThat(await(custody.holdersOfBatch(batch))).containsExactly("APT-001", "MFR-001", "PBF-001");
        assertThat(await(TestPostgres.pool()
                                .query("select count(*) from custody")
                                .execute())
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(5);
    }

    @Test
    void notificationsGoToAddresseesAndRecallNoticesToEveryHolder_lampiranL_a_5() throws Exception {
        shipReturnAndRecall("U1", "U2");
        await(custody.catchUp());
        await(custody.catchUp()); // a second pass writes nothing twice

        Notifications feed = new Notifications(TestPostgres.pool());
        List<String> pbfKinds = await(feed.feed(pbf, false, 50)).stream()
                .map(o -> ((io.vertx.core.json.JsonObject) o).getString("kind"))
                .toList();
        assertThat(pbfKinds).containsExactly("RECALL_NOTICE", "RETURN_AWAITING_DECISION", "INCOMING_SHIPMENT");
        io.vertx.core.json.JsonObject shipment =
                (io.vertx.core.json.JsonObject) await(feed.feed(pbf, false, 50)).getValue(2);
        assertThat(shipment.getInteger("codes")).isEqualTo(2);
        assertThat(shipment.getString("subject")).isEqualTo("Incoming shipment from MFR-001");
        for (int holder : List.of(mfr, pbf, apotek)) {
            assertThat(await(feed.feed(holder, true, 50)).stream().anyMatch(o -> ((io.vertx.core.json.JsonObject) o)
                            .getString("subject")
                            .equals("Recall notice: NIE DKL1234567890A1, batch B1")))
                    .as("facility %d", holder)
                    .isTrue();
        }

        long id =
                ((io.vertx.core.json.JsonObject) await(feed.feed(mfr, true, 50)).getValue(0)).getLong("id");
        assertThat(await(feed.markRead(mfr, id))).isTrue();
        assertThat(await(feed.markRead(pbf, id))).isFalse(); // not its notification
        assertThat(await(feed.feed(mfr, true, 50))).isEmpty();
    }

    @Test
    void notificationsCarryTheirCodes_incomingReturnedAndTheRecalledStockHeldHere_lampiranH_K_L_a_5() throws Exception {
        shipReturnAndRecall("U1", "U2", "U3");
        await(custody.catchUp());
        Notifications feed = new Notifications(TestPostgres.pool());
        NotificationCodes codes =
                new NotificationCodes(TestPostgres.vertx(), TestPostgres.pool(), sequencer.referenceData());
        String u1 = "(90)DKL1234567890A1(10)B1(17)281231(21)U1";
        String u2 = "(90)DKL1234567890A1(10)B1(17)281231(21)U2";

        io.vertx.core.json.JsonObject incoming = await(codes.of(pbf, notification(feed, pbf, "INCOMING_SHIPMENT"), 10));
        assertThat(incoming.getInteger("total")).isEqualTo(2);
        assertThat(texts(incoming)).containsExactlyInAnyOrder(u1, u2);
        // each code with its state now: U2 held at the distributor, U1 sold on and returned to it
        assertThat(state(incoming, u2)).isEqualTo("HELD");
        assertThat(state(incoming, u1)).isEqualTo("RETURN_PENDING");
        io.vertx.core.json.JsonObject cut = await(codes.of(pbf, notification(feed, pbf, "INCOMING_SHIPMENT"), 1));
        assertThat(cut.getJsonArray("codes")).hasSize(1);
        assertThat(cut.getInteger("total")).isEqualTo(2);
        // page by page, every code once: an incoming shipment's, a recall notice's stock
        for (String kind : List.of("INCOMING_SHIPMENT", "RECALL_NOTICE")) {
            long n = notification(feed, pbf, kind);
            io.vertx.core.json.JsonObject second = await(codes.of(pbf, n, 1, 1));
            assertThat(second.getInteger("offset")).isEqualTo(1);
            assertThat(second.getInteger("total")).isEqualTo(2);
            List<String> paged = new java.util.ArrayList<>(texts(await(codes.of(pbf, n, 0, 1))));
            paged.addAll(texts(second));
            assertThat(paged).as(kind).containsExactlyInAnyOrder(u1, u2);
            io.vertx.core.json.JsonObject past = await(codes.of(pbf, n, 2, 1));
            assertThat(past.getJsonArray("codes")).isEmpty();
            assertThat(past.getInteger("total")).as(kind + " past the end").isEqualTo(2);
        }

        // Lampiran K.6-7: the return awaiting the distributor's decision names its code
        assertThat(texts(await(codes.of(pbf, notification(feed, pbf, "RETURN_AWAITING_DECISION"), 10))))
                .containsExactly(u1);
        assertThat(texts(await(codes.of(apotek, notification(feed, apotek, "INCOMING_SHIPMENT"), 10))))
                .containsExactly(u1);

        // Lampiran L.a.5: the recalled stock at each facility: held there or on its way to it
        io.vertx.core.json.JsonObject recall = await(codes.of(pbf, notification(feed, pbf, "RECALL_NOTICE"), 10));
        assertThat(texts(recall)).containsExactlyInAnyOrder(u1, u2);
        assertThat(recall.getInteger("total")).isEqualTo(2);
        assertThat(texts(await(codes.of(mfr, notification(feed, mfr, "RECALL_NOTICE"), 10))))
                .containsExactly("(90)DKL1234567890A1(10)B1(17)281231(21)U3");
        assertThat(texts(await(codes.of(apotek, notification(feed, apotek, "RECALL_NOTICE"), 10))))
                .isEmpty();

        // another facility's notification is none of this one's
        assertThat(await(codes.of(apotek, notification(feed, pbf, "INCOMING_SHIPMENT"), 10)))
                .isNull();
    }

    private static long notification(Notifications feed, int facility, String kind) throws Exception {
        return await(feed.feed(facility, false, 50)).stream()
                .map(o -> (io.vertx.core.json.JsonObject) o)
                .filter(n -> n.getString("kind").equals(kind))
                .findFirst()
                .orElseThrow()
                .getLong("id");
    }

    private static List<String> texts(io.vertx.core.json.JsonObject listed) {
        return listed.getJsonArray("codes").stream()
                .map(o -> ((io.vertx.core.json.JsonObject) o).getString("code"))
                .toList();
    }

    private static String state(io.vertx.core.json.JsonObject listed, String code) {
        return listed.getJsonArray("codes").stream()
                .map(o -> (io.vertx.core.json.JsonObject) o)
                .filter(c -> c.getString("code").equals(code))
                .findFirst()
                .orElseThrow()
                .getString("status");
    }

    /**
     * The notices' journey: {@code serials} activated; U1 and U2 shipped to and received by the
     * distributor, U1 on to the pharmacy, which returns it; then the batch recalled.
     */
    private void shipReturnAndRecall(String... serials) throws Exception {
        List<UsageLine> lines = java.util.Arrays.stream(serials)
                .map(x -> new UsageLine(code(x), Use.ACTIVE, null, null))
                .toList();
        submit(ReportKind.USAGE, mfr, NOW, l -> l.usage(mfr, lines, Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, mfr, NOW, l -> l.ship(mfr, pbf, List.of(code("U1"), code("U2")), Mode.ATOMIC));
        submit(ReportKind.RECEIPT, pbf, NOW, l -> l.receive(pbf, List.of(code("U1"), code("U2")), Mode.ATOMIC));
        submit(ReportKind.SHIPMENT, pbf, NOW, l -> l.ship(pbf, apotek, List.of(code("U1")), Mode.ATOMIC));
        submit(ReportKind.RECEIPT, apotek, NOW, l -> l.receive(apotek, List.of(code("U1")), Mode.ATOMIC));
        submit(ReportKind.RETURN, apotek, NOW, l -> l.returnTo(apotek, pbf, List.of(code("U1")), Mode.ATOMIC));
        submit(ReportKind.RECALL_NOTICE, mfr, NOW, l -> l.recallNotice(mfr, product, "B1"));
    }
}
