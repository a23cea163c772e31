package io.lacak.core.journal;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.TestPostgres;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Refusal;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.CodeRequest;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.IssuanceService;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
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

/** The single writer over the real embedded Postgres: journal first, store after, replay on start. */
class SequencerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32]));
    private static final String NIE = "DKL1234567890A1";

    @TempDir
    Path dir;

    private CodeStore store;
    private Sequencer sequencer;
    private Issuance issuance;
    private int mfr;
    private int pbf;
    private int product;

    @BeforeEach
    void setUp() throws Exception {
        TestPostgres.reset();
        mfr = TestPostgres.facility("MFR-001", "MANUFACTURER");
        pbf = TestPostgres.facility("PBF-001", "DISTRIBUTOR");
        product = TestPostgres.product("DKL1234567890A1", "MFR-001");
        issuance = await(IssuanceService.create(TestPostgres.pool(), KEYS, CLOCK)
                .request(new CodeRequest()
                        .setRequester("MFR-001")
                        .setNie(NIE)
                        .setBatch("B1")
                        .setExpiry(LocalDate.of(2028, 12, 31))
                        .setPrimaries(40)
                        .setPerSecondary(10)
                        .setPerTertiary(4)));
        store = openStore("store");
        sequencer = await(Sequencer.start(TestPostgres.vertx(), TestPostgres.pool(), store, KEYS, CLOCK));
    }

    @AfterEach
    void tearDown() throws Exception {
        sequencer.close();
        store.close();
    }

    private CodeStore openStore(String name) {
        return CodeStore.open(new StoreOptions().setDirectory(dir.resolve(name)).setInitialCodes(10_000));
    }

    private CodeRef code(PackagingLevel level, int i) {
        SerialCodec codec = SerialCodec.create(KEYS, 1, NIE);
        return new CodeRef(product, codec.serial(issuance.firstCounter(level) + i), "B1", LocalDate.of(2028, 12, 31));
    }

    private Report usage(String key, Instant occurredAt) {
        List<UsageLine> lines = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            lines.add(new UsageLine(
                    code(PackagingLevel.PRIMARY, p),
                    Use.ACTIVE,
                    code(PackagingLevel.SECONDARY, p / 10),
                    code(PackagingLevel.TERTIARY, 0)));
        }
        return new Report(ReportKind.USAGE, mfr, occurredAt, key, l -> l.usage(mfr, lines, Mode.ATOMIC));
    }

    private Report ship(String key) {
        return new Report(
                ReportKind.SHIPMENT,
                mfr,
                NOW,
                key,
                l -> l.ship(mfr, pbf, List.of(code(PackagingLevel.TERTIARY, 0)), Mode.ATOMIC));
    }

    private long journalRows() throws Exception {
        return await(TestPostgres.pool().query("select count(*) from journal").execute())
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void aNodeWhoseShardWasTakenOverCommitsNothingMore() throws Exception {
        TestPostgres.pool().query("delete from shard_lease").execute().await(30, java.util.concurrent.TimeUnit.SECONDS);
        ShardLease a = await(ShardLease.acquire(
                TestPostgres.vertx(), TestPostgres.pool(), 0, "a", "http://a", Duration.ofMillis(300)));
        sequencer.fencedBy(a);
        assertThat(await(sequencer.submit(usage("u-1", NOW))).sequence()).isEqualTo(1); // its commit renews it

        // a pauses past its lease; b, waiting, takes the shard and raises the epoch
        ShardLease b = await(ShardLease.acquire(
                TestPostgres.vertx(),
                TestPostgres.pool(),
                0,
                "b",
                "http://b",
                Duration.ofSeconds(3))); // tries every second
        assertThat(b.epoch()).isEqualTo(a.epoch() + 1);

        // a wakes up: its next group is refused in its own commit, and it takes no more
        assertThat(refusal(sequencer.submit(ship("s-1")))).hasStackTraceContaining("no longer holds shard 0");
        assertThat(journalRows()).isEqualTo(1);
        assertThat(sequencer.health().up()).isFalse();
        assertThat(sequencer.health().lastError()).contains("no longer holds shard 0");
        assertThat(refusal(sequencer.submit(ship("s-2")))).hasMessageContaining("broken");
        assertThat(journalRows()).isEqualTo(1);

        // Pasal 8: nor does it issue codes, which b (its reference data loaded when it took over) would not know
        long issuances = await(TestPostgres.pool()
                        .query("select count(*) from issuance")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
        Throwable refused = sequencer
                .issuance()
                .request(new CodeRequest()
                        .setRequester("MFR-001")
                        .setNie(NIE)
                        .setBatch("B9")
                        .setExpiry(LocalDate.of(2028, 12, 31))
                        .setPrimaries(10)
                        .setPerSecondary(10)
                        .setPerTertiary(1))
                .transform(ar -> Future.succeededFuture(ar.cause()))
                .await(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused).hasStackTraceContaining("no longer holds shard 0");
        assertThat(await(TestPostgres.pool()
                                .query("select count(*) from issuance")
                                .execute())
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(issuances);
    }

    private static Throwable refusal(Future<Receipt> f) throws Exception {
        return f.transform(ar -> Future.succeededFuture(ar.cause())).await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void acceptedReportsAreJournaledThenApplied() throws Exception {
        Receipt r = await(sequencer.submit(usage("u-1", NOW)));

        assertThat(r.sequence()).isEqualTo(1);
        assertThat(r.outcome().accepted()).isEqualTo(40);
        assertThat(journalRows()).isEqualTo(1);
        assertThat(store.appliedSequence()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(40 + 4 + 1);
        assertThat(await(TestPostgres.pool().query("select batch from batch").execute())
                        .iterator()
                        .next()
                        .getString(0))
                .isEqualTo("B1");
    }

    @Test
    void pasal8_codesIssuedThroughTheSequencerAreKnownToTheRulesAtOnce() throws Exception {
        Issuance fresh = await(sequencer
                .issuance()
                .request(new CodeRequest()
                        .setRequester("MFR-001")
                        .setNie(NIE)
                        .setGtin("08995555000013")
                        .setBatch("B2")
                        .setExpiry(LocalDate.of(2028, 12, 31))
                        .setPrimaries(10)
                        .setPerSecondary(10)
                        .setPerTertiary(1)));

        assertThat(sequencer.referenceData().issuance(product, fresh.counterStart()))
                .isEqualTo(fresh);
        assertThat(sequencer.referenceData().productOf(null, "08995555000013").id())
                .isEqualTo(product); // Pasal 8(3)
        CodeRef first = new CodeRef(
                product,
                SerialCodec.create(KEYS, 1, NIE).serial(fresh.firstCounter(PackagingLevel.PRIMARY)),
                "B2",
                LocalDate.of(2028, 12, 31));
        Receipt r = await(sequencer.submit(new Report(
                ReportKind.USAGE,
                mfr,
                NOW,
                "u-fresh",
                l -> l.usage(mfr, List.of(new UsageLine(first, Use.ACTIVE, null, null)), Mode.ATOMIC))));
        assertThat(r.outcome().accepted()).isEqualTo(1);
    }

    @Test
    void pasal12_5_reportsOver24HoursAfterTheActivityAreAcceptedAndFlaggedLate() throws Exception {
        Receipt late = await(sequencer.submit(usage("u-1", NOW.minus(Duration.ofHours(25)))));
        Receipt onTime = await(sequencer.submit(new Report(
                ReportKind.SHIPMENT,
                mfr,
                NOW.minus(Duration.ofHours(23)),
                "s-1",
                l -> l.ship(mfr, pbf, List.of(code(PackagingLevel.TERTIARY, 0)), Mode.ATOMIC))));

        assertThat(late.late()).isTrue();
        assertThat(late.outcome().fullyAccepted()).isTrue();
        assertThat(onTime.late()).isFalse();
        assertThat(await(TestPostgres.pool()
                        .query("select late from journal order by seq")
                        .execute()))
                .extracting(row -> row.getBoolean(0))
                .containsExactly(true, false);
    }

    /** A clock the test moves: the writer reads it later than the report arrived. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void pasal12_5_aReportQueuedBehindASlowOneIsJudgedByWhenItArrivedNotByWhenTheWriterGotToIt() throws Exception {
        MovingClock clock = new MovingClock(NOW);
        sequencer.close();
        sequencer = await(Sequencer.start(TestPostgres.vertx(), TestPostgres.pool(), store, KEYS, clock));
        java.util.concurrent.CountDownLatch deciding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Report slowUsage = usage("u-1", NOW);
        Report slow = new Report(ReportKind.USAGE, mfr, NOW, "u-1", l -> {
            deciding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return slowUsage.decide().apply(l);
        });

        Future<Receipt> first = sequencer.submit(slow);
        deciding.await();
        // reaches Lacak 23 hours after the shipment, while the writer is busy with the usage report
        Future<Receipt> queued = sequencer.submit(new Report(
                ReportKind.SHIPMENT,
                mfr,
                NOW.minus(Duration.ofHours(23)),
                "s-1",
                l -> l.ship(mfr, pbf, List.of(code(PackagingLevel.TERTIARY, 0)), Mode.ATOMIC)));
        clock.advance(Duration.ofHours(2)); // the writer gets to it 25 hours after the activity
        release.countDown();

        assertThat(await(first).late()).isFalse();
        Receipt shipped = await(queued);
        assertThat(shipped.sequence()).isEqualTo(2);
        assertThat(shipped.late()).isFalse();
        assertThat(await(TestPostgres.pool()
                        .query("select received_at, late from journal where seq = 2")
                        .execute()))
                .extracting(row -> row.getOffsetDateTime(0).toInstant(), row -> row.getBoolean(1))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOW, false));
    }

    @Test
    void pasal12_5_aReportCarriesItsArrivalAndIsJudgedByIt() throws Exception {
        // an upload that arrived 23 hours after the activity, its job run a day later (the writer's clock: NOW)
        Instant arrived = NOW.minus(Duration.ofDays(1));
        Receipt upload = await(sequencer.submit(
                usage("u-1", arrived.minus(Duration.ofHours(23))).receivedAt(arrived)));
        Receipt late = await(sequencer.submit(ship("s-1").receivedAt(NOW.plus(Duration.ofHours(25)))));

        assertThat(upload.late()).isFalse();
        assertThat(late.late()).isTrue();
        assertThat(await(TestPostgres.pool()
                        .query("select received_at from journal order by seq")
                        .execute()))
                .extracting(row -> row.getOffsetDateTime(0).toInstant())
                .containsExactly(arrived, NOW.plus(Duration.ofHours(25)));
    }

    @Test
    void issue15_repeatedCloneAttemptsKeepOneAlertPerCodeAndFacilityAndCountThem() throws Exception {
        int apt = TestPostgres.facility("APT-001", "PHARMACY");
        int other = TestPostgres.facility("APT-002", "PHARMACY");
        sequencer
                .referenceData()
                .addFacility(new io.lacak.core.lifecycle.ReferenceData.Facility(
                        apt, "APT-001", io.lacak.core.lifecycle.ReferenceData.FacilityType.PHARMACY));
        sequencer
                .referenceData()
                .addFacility(new io.lacak.core.lifecycle.ReferenceData.Facility(
                        other, "APT-002", io.lacak.core.lifecycle.ReferenceData.FacilityType.PHARMACY));
        List<CodeRef> unit = List.of(code(PackagingLevel.PRIMARY, 0));
        await(sequencer.submit(usage("u-1", NOW)));
        await(sequencer.submit(
                new Report(ReportKind.SHIPMENT, mfr, NOW, null, l -> l.ship(mfr, apt, unit, Mode.ATOMIC))));
        await(sequencer.submit(new Report(ReportKind.RECEIPT, apt, NOW, null, l -> l.receive(apt, unit, Mode.ATOMIC))));
        await(sequencer.submit(new Report(ReportKind.SALE, apt, NOW, null, l -> l.sell(apt, unit, Mode.ATOMIC))));

        // offered again in a loop, some in one group, by the pharmacy that sold it and by another
        List<Future<Receipt>> again = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            again.add(
                    sequencer.submit(new Report(ReportKind.SALE, apt, NOW, null, l -> l.sell(apt, unit, Mode.ATOMIC))));
            again.add(sequencer.submit(
                    new Report(ReportKind.SALE, other, NOW, null, l -> l.sell(other, unit, Mode.ATOMIC))));
        }
        await(Future.join(new ArrayList<>(again)));
        Alerts alerts = new Alerts(TestPostgres.pool(), sequencer.referenceData());
        await(alerts.raise(
                io.lacak.core.lifecycle.Outcome.AlertKind.POSSIBLE_CLONE,
                apt,
                product,
                unit.get(0).serial(),
                "verified from many clients"));

        assertThat(again.get(0).result().outcome().refused())
                .extracting(r -> r.reason())
                .containsExactly(Refusal.ALREADY_SOLD);
        assertThat(again.get(1).result().outcome().refused())
                .extracting(r -> r.reason())
                .containsExactly(Refusal.NOT_HELD);
        io.vertx.core.json.JsonArray list = await(alerts.recent(100));
        assertThat(list).hasSize(2);
        assertThat(list.stream().map(o -> (io.vertx.core.json.JsonObject) o))
                .extracting(o -> o.getString("partnerId") + " " + o.getInteger("attempts"))
                .containsExactlyInAnyOrder("APT-001 6", "APT-002 5");
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndChangesNothing() throws Exception {
        Receipt first = await(sequencer.submit(usage("u-1", NOW)));
        Receipt again = await(sequencer.submit(usage("u-1", NOW)));

        assertThat(again.repeated()).isTrue();
        assertThat(again.sequence()).isEqualTo(first.sequence());
        assertThat(again.outcome()).isEqualTo(first.outcome());
        assertThat(journalRows()).isEqualTo(1);
    }

    @Test
    void refusedReportsLeaveNoTrace() throws Exception {
        Receipt r = await(sequencer.submit(ship("s-1"))); // nothing reported yet: unknown code

        assertThat(r.sequence()).isZero();
        assertThat(r.outcome().refused()).extracting(o -> o.reason()).containsExactly(Refusal.UNKNOWN_CODE);
        assertThat(journalRows()).isZero();
    }

    @Test
    void rebuildReplaysTheWholeJournalIntoAnEmptiedStore() throws Exception {
        await(sequencer.submit(usage("u-1", NOW)));
        await(sequencer.submit(ship("s-1")));
        sequencer.close();
        long size = store.size();

        sequencer = await(Sequencer.rebuild(TestPostgres.vertx(), TestPostgres.pool(), store, KEYS, CLOCK));

        assertThat(store.appliedSequence()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(size);
        assertThat(sequencer
                        .ledger()
                        .effective(code(PackagingLevel.PRIMARY, 3))
                        .top()
                        .status())
                .isEqualTo(CodeStatus.IN_TRANSIT);
    }

    @Test
    void aFreshStoreIsRebuiltFromTheJournalOnStart() throws Exception {
        await(sequencer.submit(usage("u-1", NOW)));
        await(sequencer.submit(ship("s-1")));
        Ledger.Effective before = sequencer.ledger().effective(code(PackagingLevel.PRIMARY, 17));

        try (CodeStore rebuilt = openStore("rebuilt")) {
            Sequencer second = await(Sequencer.start(TestPostgres.vertx(), TestPostgres.pool(), rebuilt, KEYS, CLOCK));
            Ledger.Effective after = second.ledger().effective(code(PackagingLevel.PRIMARY, 17));
            second.close();

            assertThat(rebuilt.appliedSequence()).isEqualTo(2);
            assertThat(rebuilt.size()).isEqualTo(store.size());
            assertThat(after.top().status()).isEqualTo(CodeStatus.IN_TRANSIT);
            assertThat(after.top().toString()).isEqualTo(before.top().toString());
            assertThat(after.own().toString()).isEqualTo(before.own().toString());
        }
    }

    @Test
    void reportsSubmittedTogetherAreCommittedTogetherEachSeeingTheOneBefore() throws Exception {
        Report receive = new Report(
                ReportKind.RECEIPT,
                pbf,
                NOW,
                "r-1",
                l -> l.receive(pbf, List.of(code(PackagingLevel.TERTIARY, 0)), Mode.ATOMIC));
        // submitted without waiting: the writer groups them; each depends on the one before
        List<Future<Receipt>> answers = List.of(
                sequencer.submit(usage("u-1", NOW)),
                sequencer.submit(ship("s-1")),
                sequencer.submit(ship("s-1")),
                sequencer.submit(receive),
                sequencer.submit(ship("s-2")));
        await(Future.join(new ArrayList<>(answers)));

        assertThat(answers.get(0).result().sequence()).isEqualTo(1);
        assertThat(answers.get(1).result().sequence()).isEqualTo(2);
        assertThat(answers.get(2).result().repeated()).isTrue(); // same key in the same group: the first answer
        assertThat(answers.get(2).result().sequence()).isEqualTo(2);
        assertThat(answers.get(3).result().sequence()).isEqualTo(3);
        // shipped again by the manufacturer, who no longer holds it: refused, nothing journaled
        assertThat(answers.get(4).result().outcome().refused())
                .extracting(o -> o.reason())
                .containsExactly(Refusal.NOT_HELD);
        assertThat(journalRows()).isEqualTo(3);
        assertThat(store.appliedSequence()).isEqualTo(3);
        assertThat(sequencer
                        .ledger()
                        .effective(code(PackagingLevel.PRIMARY, 7))
                        .top()
                        .holder())
                .isEqualTo(pbf);
    }

    @Test
    void aGroupThatCannotBeJournaledLeavesNothingInTheStoreOrTheReferenceData() throws Exception {
        await(sequencer.submit(usage("u-1", NOW)));
        // an event 2 already in the journal that this process has not seen makes the commit of its own event 2 fail
        await(TestPostgres.pool()
                .preparedQuery("insert into journal (seq, kind, facility, occurred_at, received_at, late,"
                        + " outcome, effects) values (2, 'FOREIGN', $1, now(), now(), false, '{}', $2)")
                .execute(Tuple.of(
                        mfr, io.vertx.core.buffer.Buffer.buffer(new io.lacak.core.lifecycle.Effects().encode()))));

        int batch = sequencer.referenceData().findBatch(product, "B1").ref();
        Report recall = new Report(ReportKind.RECALL_NOTICE, mfr, NOW, null, l -> l.recallNotice(mfr, product, "B1"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(sequencer.submit(recall)))
                .hasMessageContaining("duplicate key");
        assertThat(sequencer.referenceData().recalled(batch)).isFalse(); // the flag set while deciding is taken back
        assertThat(store.appliedSequence()).isEqualTo(2); // caught up with the journal, foreign event included

        Receipt shipped = await(sequencer.submit(ship("s-1")));
        assertThat(shipped.sequence()).isEqualTo(3);
        assertThat(sequencer
                        .ledger()
                        .effective(code(PackagingLevel.TERTIARY, 0))
                        .top()
                        .status())
                .isEqualTo(CodeStatus.IN_TRANSIT);
    }

    private Report activate(int facility, int primary, java.util.concurrent.CountDownLatch wait) {
        return activate(facility, primary, new java.util.concurrent.CountDownLatch(1), wait);
    }

    /** A usage report whose decision counts {@code entered} down, then waits for {@code wait}. */
    private Report activate(
            int facility,
            int primary,
            java.util.concurrent.CountDownLatch entered,
            java.util.concurrent.CountDownLatch wait) {
        List<UsageLine> line = List.of(new UsageLine(code(PackagingLevel.PRIMARY, primary), Use.ACTIVE, null, null));
        return new Report(ReportKind.USAGE, facility, NOW, null, l -> {
            entered.countDown();
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return l.usage(mfr, line, Mode.ATOMIC);
        });
    }

    @Test
    void aReportPostgresRefusesFailsAloneNotTheGroupItWasCommittedWith() throws Exception {
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(0);
        java.util.concurrent.CountDownLatch deciding = new java.util.concurrent.CountDownLatch(1);
        Future<Receipt> first =
                sequencer.submit(activate(mfr, 39, deciding, hold)); // holds the writer while the group queues
        assertThat(deciding.await(30, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue(); // the writer is in it: the rest queue
        List<Future<Receipt>> innocent = new ArrayList<>();
        for (int p = 1; p <= 19; p++) {
            innocent.add(sequencer.submit(activate(mfr, p, open)));
        }
        // journaled under a facility Postgres does not know: the foreign key refuses the whole transaction
        Future<Receipt> guilty = sequencer.submit(activate(424242, 0, open));
        for (int p = 20; p <= 38; p++) {
            innocent.add(sequencer.submit(activate(mfr, p, open)));
        }
        int queued = sequencer.health().queued(); // the writer may have taken one or two with the first
        hold.countDown();
        assertThat(queued).isGreaterThanOrEqualTo(30);

        assertThat(await(first).sequence()).isEqualTo(1);
        for (Future<Receipt> f : innocent) {
            assertThat(await(f).outcome().applied()).isTrue();
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> await(guilty)))
                .isNotNull();
        assertThat(journalRows()).isEqualTo(1 + 38);
        assertThat(store.appliedSequence()).isEqualTo(39);
        assertThat(sequencer.ledger().effective(code(PackagingLevel.PRIMARY, 0)))
                .isNull();
        assertThat(sequencer.health().up()).isTrue();
    }

    @Test
    void anErrorInTheWriterFailsItsReportAndTheWriterGoesOn() throws Exception {
        Future<Receipt> overflow = sequencer.submit(new Report(ReportKind.USAGE, mfr, NOW, null, l -> {
            throw new StackOverflowError("a report too deep");
        }));
        Future<Receipt> oom = sequencer.submit(new Report(ReportKind.USAGE, mfr, NOW, null, l -> {
            throw new OutOfMemoryError("a file too big for the heap");
        }));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> await(overflow)))
                .isNotNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> await(oom)))
                .isNotNull();

        Receipt after = await(sequencer.submit(usage("u-1", NOW)));
        assertThat(after.sequence()).isEqualTo(1);
        assertThat(sequencer.health().up()).isTrue();
        assertThat(sequencer.health().lastError()).contains("StackOverflowError");
    }

    @Test
    void whatReachesTheJournalIsCheckedWhenTheReportIsMade() {
        for (String key : new String[] {"a\u0000b", "", "x".repeat(129), "tab\there"}) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ship(key)))
                    .isInstanceOf(Report.Invalid.class)
                    .hasMessageContaining("idempotencyKey");
        }
        assertThat(ship("k".repeat(128)).idempotencyKey()).hasSize(128);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                        new Report(ReportKind.RECALL_NOTICE, mfr, NOW, null, l -> null, "{\"reason\":\"a\\u0000b\"}")))
                .isInstanceOf(Report.Invalid.class);
    }
}
