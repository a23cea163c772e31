package io.lacak.core.journal;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.TestPostgres;
import io.lacak.core.journal.BulkReport.Chunk;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Refusal;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a big report decided in chunks between other reports stays one process (Lampiran G:
 * primary -> secondary -> tertiary, all or nothing), over the real embedded Postgres.
 */
class BulkReportTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32]));
    private static final LocalDate EXPIRY = LocalDate.of(2028, 12, 31);
    private static final int CHUNK = 500;

    @TempDir
    Path dir;

    private CodeStore store;
    private Sequencer sequencer;
    private int mfr;
    private int pbf;
    private int product;

    @BeforeEach
    void setUp() throws Exception {
        TestPostgres.reset();
        mfr = TestPostgres.facility("MFR-001", "MANUFACTURER");
        pbf = TestPostgres.facility("PBF-001", "DISTRIBUTOR");
        product = TestPostgres.product("DKL1234567890A1", "MFR-001");
        store = CodeStore.open(
                new StoreOptions().setDirectory(dir.resolve("store")).setInitialCodes(10_000));
        sequencer = start(store);
    }

    private Sequencer start(CodeStore s) throws Exception {
        return await(Sequencer.start(
                TestPostgres.vertx(),
                TestPostgres.pool(),
                s,
                KEYS,
                CLOCK,
                io.lacak.core.calendar.WorkingDays.of(java.util.Set.of()),
                dir.resolve("staging")));
    }

    @AfterEach
    void tearDown() throws Exception {
        sequencer.close();
        store.close();
    }

    private CodeRef code(String serial) {
        return new CodeRef(product, serial, "B1", EXPIRY);
    }

    /** Self-issued codes (Pasal 5(1)b): 10 units a case, 10 cases a pallet, so packs span chunks. */
    private UsageLine line(int i) {
        return new UsageLine(code("P" + i), Use.ACTIVE, code("S" + i / 10), code("T" + i / 100));
    }

    private Chunk chunk(List<UsageLine> lines, long firstLine) {
        long[] numbers = new long[lines.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = firstLine + i;
        }
        List<UsageLine> copy = List.copyOf(lines);
        return new Chunk(numbers, (l, mode) -> l.usage(mfr, copy, mode));
    }

    private BulkReport open(String key, Mode mode) throws Exception {
        return await(sequencer.bulk(ReportKind.USAGE, mfr, NOW, key, mode, NOW, 10_000));
    }

    /** Offers lines 0..n-1 (file line = index + 2, after the header) in chunks of {@link #CHUNK}. */
    private void offer(BulkReport b, int n) throws Exception {
        for (int from = 0; from < n; from += CHUNK) {
            List<UsageLine> lines = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + CHUNK); i++) {
                lines.add(line(i));
            }
            b.offer(chunk(lines, from + 2L));
        }
    }

    private long count(String sql) throws Exception {
        return await(TestPostgres.pool().query(sql).execute()).iterator().next().getLong(0);
    }

    private boolean known(String serial) {
        return sequencer.ledger().own(code(serial), new CodeState());
    }

    @Test
    void aFileInChunksIsOneReportJournaledInPartsAndCommittedOnce() throws Exception {
        BulkReport b = open("upload-1", Mode.ATOMIC);
        offer(b, 5_000);
        BulkReport.Result r = await(b.end(null));

        assertThat(r.receipt().outcome().applied()).isTrue();
        assertThat(r.receipt().outcome().accepted()).isEqualTo(5_000);
        assertThat(count("select count(*) from journal")).isEqualTo(1);
        assertThat(count("select count(*) from journal where bulk is not null")).isEqualTo(1);
        assertThat(count("select count(*) from journal_part")).isEqualTo(10);
        assertThat(count("select max(length(effects)) from journal_part"))
                .as("no journal row of more than a few MB")
                .isLessThan(1 << 20);
        assertThat(store.appliedSequence()).isEqualTo(r.receipt().sequence());
        assertThat(b.decided()).isEqualTo(5_000);
        assertThat(b.applied()).isEqualTo(5_000);
        // Lampiran G: unit 4,999 sits in case 499, on pallet 49, across the chunk borders
        Ledger.Effective e = sequencer.ledger().effective(code("P4999"));
        assertThat(e.ancestors()).containsExactly("S499", "T49");
        assertThat(sequencer.ledger().effective(code("P1234")).ancestors()).containsExactly("S123", "T12");
        assertThat(e.top().status()).isEqualTo(CodeStatus.ACTIVE);
    }

    @Test
    void lampiranGOneProcessARefusalInTheLastChunkChangesNothing() throws Exception {
        BulkReport b = open("upload-2", Mode.ATOMIC);
        offer(b, 2_000);
        // line 2,002: unit 7 again, decided three chunks after it was first reported
        b.offer(chunk(List.of(line(7)), 2_002));
        BulkReport.Result r = await(b.end(null));

        assertThat(r.receipt().outcome().applied()).isFalse();
        assertThat(r.refusedCount()).isEqualTo(1);
        assertThat(r.receipt().outcome().refused().get(0).index()).isEqualTo(2_002);
        assertThat(r.receipt().outcome().refused().get(0).reason()).isEqualTo(Refusal.DUPLICATE_IN_REPORT);
        assertThat(count("select count(*) from journal")).isZero();
        assertThat(count("select count(*) from journal_part")).isZero();
        assertThat(count("select count(*) from batch")).isZero();
        assertThat(known("P1")).isFalse();
        assertThat(store.size()).isZero();

        // nothing left behind: the same lines, reported again without the duplicate, go through
        BulkReport again = open("upload-3", Mode.ATOMIC);
        offer(again, 2_000);
        assertThat(await(again.end(null)).receipt().outcome().accepted()).isEqualTo(2_000);
        assertThat(known("P1999")).isTrue();
    }

    @Test
    void partialModeAppliesExactlyTheGoodLines() throws Exception {
        BulkReport b = open("upload-4", Mode.PER_CODE);
        offer(b, 1_000);
        b.offer(chunk(List.of(line(5), line(1_000)), 1_002)); // line 1,002 repeats unit 5; 1,003 is new
        BulkReport.Result r = await(b.end(null));

        assertThat(r.receipt().outcome().applied()).isTrue();
        assertThat(r.receipt().outcome().accepted()).isEqualTo(1_001);
        assertThat(r.refusedCount()).isEqualTo(1);
        assertThat(r.receipt().outcome().refused().get(0).index()).isEqualTo(1_002);
        assertThat(known("P1000")).isTrue();
    }

    @Test
    void otherReportsDoNotWaitBehindAnOpenFile() throws Exception {
        Receipt before = await(sequencer.submit(usage("small-1", "X1")));
        assertThat(before.outcome().applied()).isTrue();
        BulkReport b = open("upload-5", Mode.ATOMIC);
        offer(b, 1_000);
        // the file is open and its reader slow: a shipment of other codes is answered meanwhile
        Receipt ship = await(sequencer.submit(new Report(
                ReportKind.SHIPMENT, mfr, NOW, "ship-1", l -> l.ship(mfr, pbf, List.of(code("X1")), Mode.ATOMIC))));
        assertThat(ship.outcome().applied()).isTrue();
        assertThat(b.result().isComplete()).isFalse();
        assertThat(known("P1")).as("not committed, not visible").isFalse();
        BulkReport.Result r = await(b.end(null));
        assertThat(r.receipt().sequence()).isGreaterThan(ship.sequence());
        assertThat(known("P999")).isTrue();
    }

    @Test
    void aReportTouchingTheFilesCodesWaitsForItsCommit() throws Exception {
        BulkReport b = open("upload-6", Mode.ATOMIC);
        offer(b, 1_000);
        waitUntil(() -> b.decided() == 1_000);
        // the same unit in a small usage report: decided after the file, so refused as reported already
        Future<Receipt> again = sequencer.submit(usage("small-2", "P3"));
        // a recall of the batch the file is putting into circulation: after the file too
        Future<Receipt> recall = sequencer.submit(
                new Report(ReportKind.RECALL_NOTICE, mfr, NOW, "recall-1", l -> l.recallNotice(mfr, product, "B1")));
        Thread.sleep(300);
        assertThat(again.isComplete()).isFalse();
        assertThat(recall.isComplete()).isFalse();

        BulkReport.Result r = await(b.end(null));
        assertThat(r.receipt().outcome().applied()).isTrue();
        Receipt small = await(again);
        assertThat(small.outcome().applied()).isFalse();
        assertThat(small.outcome().refused().get(0).reason()).isEqualTo(Refusal.ALREADY_REPORTED);
        assertThat(await(recall).outcome().applied()).isTrue();
        assertThat(await(recall).sequence()).isGreaterThan(r.receipt().sequence());
    }

    @Test
    void aRestartReplaysACommittedFileAndForgetsAnUncommittedOne() throws Exception {
        BulkReport b = open("upload-7", Mode.ATOMIC);
        offer(b, 3_000);
        BulkReport.Result r = await(b.end(null));
        BulkReport open = open("upload-8", Mode.ATOMIC); // cut by the "crash" below: its parts are orphans
        open.offer(chunk(List.of(line(10_000)), 2));
        waitUntil(() -> open.decided() == 1);
        Thread.sleep(200);
        sequencer.close();
        assertThat(count("select count(*) from journal_part where bulk = " + open.id))
                .isEqualTo(1);

        try (CodeStore fresh = CodeStore.open(
                new StoreOptions().setDirectory(dir.resolve("fresh")).setInitialCodes(10_000))) {
            Sequencer replayed = start(fresh);
            try {
                assertThat(fresh.appliedSequence()).isEqualTo(r.receipt().sequence());
                assertThat(fresh.size()).isEqualTo(store.size());
                assertThat(replayed.ledger().effective(code("P2999")).ancestors())
                        .containsExactly("S299", "T29");
                assertThat(replayed.ledger().own(code("P10000"), new CodeState()))
                        .isFalse();
                assertThat(count("select count(*) from journal_part where bulk = " + open.id))
                        .as("parts no journal row names are deleted on start")
                        .isZero();
            } finally {
                replayed.close();
            }
        }
        sequencer = start(store); // for tearDown
    }

    @Test
    void custodyIndexesAFileAPartAtATime() throws Exception {
        BulkReport b = open("upload-9", Mode.ATOMIC);
        offer(b, 2_000);
        await(b.end(null));
        Custody custody = new Custody(TestPostgres.vertx(), TestPostgres.pool(), store, sequencer.referenceData());
        assertThat(await(custody.catchUp())).isEqualTo(1);
        // 2,000 units, 200 cases, 20 pallets
        assertThat(count("select count(*) from custody")).isEqualTo(2_220);
    }

    @Test
    void lampiranJASecondSaleInABulkFileAlertsTheRegulatorThoughTheFileIsRefused() throws Exception {
        int apt = TestPostgres.facility("APT-001", "PHARMACY");
        sequencer
                .referenceData()
                .addFacility(new io.lacak.core.lifecycle.ReferenceData.Facility(
                        apt, "APT-001", io.lacak.core.lifecycle.ReferenceData.FacilityType.PHARMACY));
        List<UsageLine> used = new ArrayList<>();
        List<CodeRef> codes = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            used.add(new UsageLine(code("Q" + i), Use.ACTIVE, null, null));
            codes.add(code("Q" + i));
        }
        await(sequencer.submit(new Report(ReportKind.USAGE, mfr, NOW, "u", l -> l.usage(mfr, used, Mode.ATOMIC))));
        await(sequencer.submit(
                new Report(ReportKind.SHIPMENT, mfr, NOW, "s", l -> l.ship(mfr, apt, codes, Mode.ATOMIC))));
        await(sequencer.submit(new Report(ReportKind.RECEIPT, apt, NOW, "r", l -> l.receive(apt, codes, Mode.ATOMIC))));
        BulkReport.Result first = await(sell(apt, codes, "sale-file-1").end(null));
        assertThat(first.receipt().outcome().accepted()).isEqualTo(1_500);

        BulkReport.Result again = await(sell(apt, codes, "sale-file-2").end(null));
        assertThat(again.receipt().outcome().applied()).isFalse();
        assertThat(again.refusedCount()).isEqualTo(1_500);
        assertThat(count("select count(*) from alert where kind = 'POSSIBLE_CLONE'"))
                .isEqualTo(1_500);
    }

    private BulkReport sell(int apt, List<CodeRef> codes, String key) throws Exception {
        BulkReport b = await(sequencer.bulk(ReportKind.SALE, apt, NOW, key, Mode.ATOMIC, NOW, 1_500));
        for (int from = 0; from < codes.size(); from += 750) {
            List<CodeRef> part = List.copyOf(codes.subList(from, from + 750));
            long[] lines = new long[part.size()];
            b.offer(new Chunk(lines, (l, mode) -> l.sell(apt, part, mode)));
        }
        return b;
    }

    private Report usage(String key, String serial) {
        List<UsageLine> lines = List.of(new UsageLine(code(serial), Use.ACTIVE, null, null));
        return new Report(ReportKind.USAGE, mfr, NOW, key, l -> l.usage(mfr, lines, Mode.ATOMIC));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
