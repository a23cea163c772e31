package io.lacak.core.journal;

import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.concurrent.PlainThreads;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.LacakSerials;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.serial.IssuanceService;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.Fenced;
import io.lacak.core.store.OverlayStore;
import io.lacak.core.store.StagedStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer (DESIGN.md "Runtime"): takes reports in the order submitted, decides each
 * against the store, commits the accepted ones to the Postgres journal, and only then applies them
 * to the store and answers. Reports that arrive together are committed together (group commit):
 * each is decided after the one before it, seeing its effects through an {@link OverlayStore},
 * and the whole group is journaled in one transaction before any of it reaches the store or any
 * answer leaves. On start it loads the reference data and replays every journal event the store
 * has not applied, so after {@code kill -9} at any instant no acknowledged report is lost and none
 * is half applied.
 *
 * <p>{@code Sequencer.start(vertx, pool, store, keys, clock).compose(s -> s.submit(report))}
 *
 * <p>Over 400 lines because the single writer is one concurrency design: the queue, the group
 * commit, the split retry of a group Postgres refuses, the undo of the overlay and the replay
 * after an unknown outcome only make sense read together.
 */
public final class Sequencer implements AutoCloseable {

    /** Pasal 12(5), 13(3): reports are due within 24 hours of the activity. */
    public static final Duration LATE_AFTER = Duration.ofHours(24);
    /** Most reports journaled in one transaction. */
    public static final int MAX_GROUP = 256;

    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());
    private static final long DB_TIMEOUT_SECONDS = 60;
    private static final int REPLAY_PAGE = 500;
    /** Effects read per replay page, about: a page of big events (a 1,000,000-row file is one) must not time out. */
    private static final long REPLAY_BYTES = 32L << 20;

    private record Pending(Report report, Context context, Promise<Receipt> promise) {}

    private record Accepted(Report report, long seq, boolean late, Decision decision, Long bulk) {
        Accepted(Report report, long seq, boolean late, Decision decision) {
            this(report, seq, late, decision, null);
        }
    }

    /** The answer of a report that read what a bulk report not yet committed touched: decided again after it. */
    private static final Object DEFERRED = new Object();

    private final Vertx vertx;
    private final Pool pool;
    /** The shard whose journal this writer keeps (issue 21): its own sequence, store and lease. */
    private final int shard;
    /** All the shards, to refuse a code of another shard's holder (a report sent to the wrong writer). */
    private final Shards shards;

    private final CodeStore store;
    private final OverlayStore pending;
    private final SerialKeys keys;
    private final ReferenceData ref;
    private final Ledger writerLedger;
    private final Ledger readerLedger;
    private final Clock clock;
    private final IssuanceService issuance;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final BulkWriter bulks;
    /** Reports that touched a bulk report's fence: decided again once it is committed or dropped. Writer only. */
    private final java.util.ArrayDeque<Pending> deferred = new java.util.ArrayDeque<>();

    /**
     * What lets this node commit to the journal, checked in every commit's transaction: nothing on
     * one node; a cluster node's {@link ShardLease}.
     */
    public interface Fence {
        Fence NONE = c -> Future.succeededFuture();

        /** Succeeds when the commit may go on; fails (rolling the transaction back) when it may not. */
        Future<Void> check(SqlConnection c);
    }

    private volatile Fence fence = Fence.NONE;
    private volatile boolean broken;
    /** A standby's copy ({@link #follower}): replays the journal, takes no report, until {@link #lead()}. */
    private volatile boolean following;
    /** Journal events this writer has applied by replaying (at start, following, leading); written by the writer only. */
    private volatile long replayed;
    /** Set by {@link #close()}: a replay stops at its next page (a follower's first one may take an hour). */
    private volatile boolean closing;
    /** What {@link #lead()} replayed: the owner's last events its follower had not applied yet; -1 before. */
    private volatile long replayedToLead = -1;

    private volatile String lastError;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, writerName()); // named when it starts, after the constructor
        t.setDaemon(true);
        return t;
    });

    private Sequencer(
            Vertx vertx,
            Pool pool,
            CodeStore store,
            ReferenceData ref,
            SerialKeys keys,
            Clock clock,
            WorkingDays days,
            Path staging,
            int shard,
            Shards shards) {
        this.vertx = vertx;
        this.pool = pool;
        this.shard = shard;
        this.shards = shards;
        this.store = store;
        this.pending = new OverlayStore(store);
        this.ref = ref;
        this.keys = keys;
        this.writerLedger = new Ledger(pending, ref, keys, clock);
        writerLedger.batchRefsOf(shard, shards.count()); // several writers share ref: each its own batch refs
        this.readerLedger = new Ledger(store, ref, keys, clock);
        this.clock = clock;
        // issue 21: an issuance, too, only while this node holds the shard's lease (the fence of its commits)
        this.issuance =
                IssuanceService.create(pool, keys, clock, days, ref::issued, shards::ofHolder, c -> fence.check(c));
        this.bulks = new BulkWriter(pool, store, pending, ref, keys, clock, writerLedger, staging, shard, shards);
    }

    /** Loads the reference data, catches the store up with the journal, and starts taking reports. */
    public static Future<Sequencer> start(Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock) {
        return start(vertx, pool, store, keys, clock, WorkingDays.of(java.util.Set.of()));
    }

    /** As {@link #start(Vertx, Pool, CodeStore, SerialKeys, Clock)}, with the holidays Pasal 9 skips. */
    public static Future<Sequencer> start(
            Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock, WorkingDays days) {
        Path staging;
        try {
            staging = Files.createTempDirectory("lacak-staging");
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return start(vertx, pool, store, keys, clock, days, staging);
    }

    /**
     * As {@link #start(Vertx, Pool, CodeStore, SerialKeys, Clock, WorkingDays)}, keeping the
     * uncommitted chunks of bulk reports in {@code staging} (emptied now: what an earlier process
     * left there was never committed).
     */
    public static Future<Sequencer> start(
            Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock, WorkingDays days, Path staging) {
        return start(vertx, pool, store, keys, clock, days, staging, 0, Shards.ONE, null);
    }

    /**
     * Issue 21: the writer of {@code shard}, its journal replayed into {@code store}; several in one
     * node share one {@code ref} (loaded once by {@link #loadReferenceData(Pool)}; {@code null}: loaded
     * here). {@code Sequencer.start(vertx, pool, store, keys, clock, days, staging, 1, Shards.of(2), ref)}
     */
    public static Future<Sequencer> start(
            Vertx vertx,
            Pool pool,
            CodeStore store,
            SerialKeys keys,
            Clock clock,
            WorkingDays days,
            Path staging,
            int shard,
            Shards shards,
            ReferenceData shared) {
        Future<ReferenceData> loaded = shared != null ? Future.succeededFuture(shared) : loadReferenceData(pool);
        return loaded.compose(ref -> deleteUncommittedParts(pool, shard).map(v -> {
                    StagedStore.delete(staging);
                    return new Sequencer(vertx, pool, store, ref, keys, clock, days, staging, shard, shards);
                }))
                .compose(s -> s.onWriter(() -> {
                    s.replay();
                    return s;
                }));
    }

    /**
     * Issue 21: a standby's copy of {@code shard}, not its writer: {@code store} replayed from the
     * journal now and at every {@link #follow()}, as the owner journals, so that taking the shard over
     * replays only what the owner wrote since ({@link #lead()}), not the whole journal. It takes no
     * report and writes nothing (the owner's bulk reports in flight keep their parts).
     */
    public static Future<Sequencer> follower(
            Vertx vertx,
            Pool pool,
            CodeStore store,
            SerialKeys keys,
            Clock clock,
            WorkingDays days,
            Path staging,
            int shard,
            Shards shards,
            ReferenceData shared) {
        Sequencer s = new Sequencer(vertx, pool, store, shared, keys, clock, days, staging, shard, shards);
        s.following = true;
        return s.onWriter(() -> {
                    StagedStore.delete(staging);
                    return null;
                })
                .compose(v -> s.follow())
                .map(s);
    }

    /** A follower's store caught up with what the owner has journaled; the sequence applied. */
    public Future<Long> follow() {
        if (!following) {
            return Future.failedFuture(new IllegalStateException("shard " + shard + " is written here, not followed"));
        }
        return onWriter(() -> {
            replay();
            return store.appliedSequence();
        });
    }

    /**
     * A follower becomes the shard's writer, once this node holds its lease (and is {@link #fencedBy
     * fenced} by it): the parts of bulk reports the old owner never committed are deleted, and what
     * it journaled since the last {@link #follow()} is replayed; from then on it takes reports.
     */
    public Future<Sequencer> lead() {
        return deleteUncommittedParts(pool, shard)
                .compose(v -> onWriter(() -> {
                    long before = replayed;
                    replay();
                    replayedToLead = replayed - before;
                    following = false;
                    return this;
                }));
    }

    private static Future<Void> deleteUncommittedParts(Pool pool, int shard) {
        return pool.preparedQuery("delete from journal_part p where p.shard = $1 and not exists"
                        + " (select 1 from journal j where j.shard = p.shard and j.bulk = p.bulk)")
                .execute(Tuple.of(shard))
                .mapEmpty();
    }

    /**
     * Empties the store and replays the whole journal into it: the store is a view of the journal
     * and can always be rebuilt from it.
     */
    public static Future<Sequencer> rebuild(Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock) {
        store.clear();
        return start(vertx, pool, store, keys, clock);
    }

    /** From now on, every commit first passes {@code fence} (a cluster node's lease on its shard). */
    public void fencedBy(Fence fence) {
        this.fence = fence;
    }

    /**
     * A commit refused because this node lost its shard: from then on it takes no report (another
     * node writes the shard) and {@code /health} says why.
     */
    private void stopIfFenced(Throwable e) {
        if (e instanceof ShardLease.Lost || e.getCause() instanceof ShardLease.Lost) {
            LOG.log(Level.SEVERE, "the shard's lease is lost; this node takes no more reports", e);
            lastError = e.getMessage();
            broken = true;
        }
    }

    /** The reference data the rules use; registration adds facilities, products and issuances to it. */
    public ReferenceData referenceData() {
        return ref;
    }

    /** Issues codes (Pasal 7-10) and tells the rules of each new issuance before its caller hears of it. */
    public IssuanceService issuance() {
        return issuance;
    }

    /** Reads need no queue: the effective state of a code as journaled, from any thread. */
    public Ledger ledger() {
        return readerLedger;
    }

    private String writerName() {
        return shard == 0 ? "lacak-writer" : "lacak-writer-" + shard;
    }

    /** The shard this writer keeps. */
    public int shard() {
        return shard;
    }

    /**
     * How many journal events this writer applied by replaying them, since it started: a follower
     * that took its shard over has replayed each event once, not the journal again.
     */
    public long replayed() {
        return replayed;
    }

    /** The events {@link #lead()} replayed before this follower took reports; -1 if it never led. */
    public long replayedToLead() {
        return replayedToLead;
    }

    /** Sequence of the last event applied to the store. */
    public long appliedSequence() {
        return store.appliedSequence();
    }

    /** Decides, journals and applies one report, in the order submitted. */
    public Future<Receipt> submit(Report report) {
        if (broken || following) {
            return Future.failedFuture(refusing());
        }
        // Pasal 12(5), 13(3): the window counts to the report's arrival, not to when the writer gets to it
        Report arrived = report.receivedAt() != null ? report : report.receivedAt(clock.instant());
        Pending p = new Pending(arrived, vertx.getOrCreateContext(), Promise.promise());
        queued.incrementAndGet();
        queue.add(p);
        if (!wake()) {
            if (queue.remove(p)) {
                queued.decrementAndGet();
            }
            return Future.failedFuture(new IllegalStateException("the sequencer is stopped"));
        }
        return p.promise().future();
    }

    private IllegalStateException refusing() {
        return following
                ? new IllegalStateException("shard " + shard + " is only followed on this node; its owner writes it")
                : new IllegalStateException("the sequencer is broken; see the log and restart");
    }

    /** Makes sure the writer runs; false when it is stopped. */
    private boolean wake() {
        if (draining.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                return false;
            }
        }
        return true;
    }

    /**
     * The answer journaled for the bulk report {@code facility} sent under {@code idempotencyKey}
     * (its refusals naming file lines), or {@code null} when there is none: a job resumed after a
     * stop that came between the commit and the job's end.
     */
    public Future<Receipt> bulkAnswer(int facility, String idempotencyKey) {
        return answered(facility, idempotencyKey, " and bulk is not null");
    }

    /** The answer journaled for any report {@code facility} sent under {@code idempotencyKey}, or {@code null}. */
    public Future<Receipt> answered(int facility, String idempotencyKey) {
        return answered(facility, idempotencyKey, "");
    }

    private Future<Receipt> answered(int facility, String idempotencyKey, String only) {
        return pool.preparedQuery(
                        "select seq, late, outcome from journal where shard = $3 and facility = $1 and idempotency_key = $2"
                                + only)
                .execute(Tuple.of(facility, idempotencyKey, shard))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Receipt(
                            row.getLong("seq"),
                            row.getBoolean("late"),
                            OutcomeJson.decode(row.getString("outcome")),
                            true);
                });
    }

    /**
     * Opens a bulk report (issue 18): a report of any size whose lines the caller offers in chunks
     * while it reads them; see {@link BulkReport}. {@code receivedAt} is when it reached Lacak
     * (Pasal 12(5), 13(3)); {@code expectedRows} sizes its staging. Not on an event loop.
     */
    public Future<BulkReport> bulk(
            ReportKind kind,
            int facility,
            Instant occurredAt,
            String idempotencyKey,
            Mode mode,
            Instant receivedAt,
            long expectedRows) {
        if (broken || following) {
            return Future.failedFuture(refusing());
        }
        return pool.query("select nextval('journal_bulk_seq')").execute().map(rows -> {
            BulkReport b = new BulkReport(
                    rows.iterator().next().getLong(0),
                    kind,
                    facility,
                    occurredAt,
                    idempotencyKey,
                    mode,
                    receivedAt,
                    expectedRows,
                    new LacakSerials(ref, keys),
                    this::wake);
            bulks.add(b);
            wake();
            return b;
        });
    }

    /** Writer thread: groups whatever is queued and processes the groups until the queue is empty. */
    private void drain() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            if (!bulks.fencing()) {
                for (Pending p; group.size() < MAX_GROUP && (p = deferred.poll()) != null; ) {
                    group.add(p); // their bulk report is done: decided now, before newer reports
                }
            }
            int fresh = 0;
            for (Pending p; group.size() < MAX_GROUP && (p = queue.poll()) != null; fresh++) {
                group.add(p);
            }
            queued.addAndGet(-fresh);
            if (!group.isEmpty()) {
                try {
                    process(group);
                } catch (Throwable t) { // an Error (out of memory) must not leave the writer dead and the flag set
                    survive(group, t);
                }
            }
            boolean bulkWork;
            try {
                // one bounded step of a bulk report between groups: small reports never wait behind a file
                // a bulk report's alerts outlive it, committed or not, as a small report's do
                bulkWork = bulks.step(this::commit, b -> keepAlerts(b.facility, b.alerts));
            } catch (Throwable t) {
                LOG.log(Level.SEVERE, "the writer failed a step of a bulk report", t);
                lastError = t.toString();
                bulkWork = true;
            }
            if (group.isEmpty() && !bulkWork) {
                draining.set(false);
                // a report or chunk queued after the poll and before the flag dropped would wait for no one
                boolean more = !queue.isEmpty() || bulks.ready() || !deferred.isEmpty() && !bulks.fencing();
                if (!more || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * Journals the commit row of bulk report {@code b} (its parts are journaled already): from
     * here it counts, and its parts are applied a step at a time, the store's position held below
     * it until the last. False when it could not be journaled.
     */
    private boolean commit(BulkReport b) {
        long seq = writerLedger.sequence() + 1;
        b.late = Duration.between(b.occurredAt, b.receivedAt).compareTo(LATE_AFTER) > 0;
        Report r = new Report(b.kind, b.facility, b.occurredAt, b.idempotencyKey, l -> null, b.details(), b.receivedAt);
        Decision d = new Decision(BulkWriter.outcome(b, true), Effects.ofBatches(b.newBatches));
        try {
            await(pool.withTransaction(c -> journal(c, List.of(new Accepted(r, seq, b.late, d, b.id)))));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "bulk report " + b.id + " was not committed", e);
            b.failure = e;
            stopIfFenced(e);
            if (!(e instanceof PgException)) {
                // the commit may have happened after all: replay applies it whole if it did
                undo(List.of());
                try {
                    if (await(pool.preparedQuery("select seq from journal where shard = $2 and bulk = $1")
                                            .execute(Tuple.of(b.id, shard)))
                                    .size()
                            == 1) {
                        b.failure = null;
                        b.seq = seq;
                        return true; // journaled and, by the replay, applied: the apply phase finds nothing left
                    }
                } catch (Exception unknown) {
                    b.keepParts = true; // start-up deletes them if no journal row names them
                }
            }
            return false;
        }
        b.seq = seq;
        writerLedger.holdWatermarkAt(seq);
        return true;
    }

    /**
     * After an Error in the writer: the group's reports fail (none was journaled, or replay finds
     * it), the overlay is dropped and the store caught up. When even that fails the sequencer is
     * broken: it refuses reports and {@link #health()} says so, rather than hang.
     */
    private void survive(List<Pending> group, Throwable t) {
        LOG.log(Level.SEVERE, "the writer failed a group of " + group.size() + " report(s); recovering", t);
        lastError = t.toString();
        try {
            pending.discard();
            writerLedger.rewindTo(store.appliedSequence());
            replay();
        } catch (Throwable again) {
            LOG.log(Level.SEVERE, "the writer cannot recover; no more reports are taken", again);
            broken = true;
        }
        Exception failure = new IllegalStateException("the report could not be processed: " + t);
        for (Pending p : group) {
            p.context().runOnContext(v -> p.promise().tryFail(failure));
        }
        if (broken) {
            for (Pending p; (p = queue.poll()) != null; ) {
                Pending q = p;
                q.context()
                        .runOnContext(v -> q.promise().tryFail(new IllegalStateException("the sequencer is broken")));
            }
        }
    }

    /** What {@code /health} shows of the writer. */
    public record Health(boolean up, int queued, String lastError) {}

    public Health health() {
        return new Health(!broken && !writer.isShutdown(), Math.max(0, queued.get()), lastError);
    }

    /** Runs {@code task} on the writer thread; the result is delivered on the caller's context. */
    private <T> Future<T> onWriter(java.util.concurrent.Callable<T> task) {
        return PlainThreads.call(vertx, writer, task);
    }

    private void process(List<Pending> group) {
        Object[] answers = new Object[group.size()]; // a Receipt, a Throwable, or the Integer index of an earlier one
        List<Accepted> accepted = new ArrayList<>();
        try {
            Map<String, Receipt> earlier = earlierAnswers(group);
            Map<String, Integer> firstInGroup = new HashMap<>();
            for (int i = 0; i < group.size(); i++) {
                Report r = group.get(i).report();
                String key = r.idempotencyKey() == null ? null : r.facility() + "/" + r.idempotencyKey();
                if (key != null && earlier.containsKey(key)) {
                    answers[i] = earlier.get(key);
                    continue;
                }
                if (key != null && firstInGroup.putIfAbsent(key, i) != null) {
                    answers[i] = firstInGroup.get(key);
                    continue;
                }
                answers[i] = decide(r, accepted);
            }
            if (!accepted.isEmpty()) {
                await(pool.withTransaction(c -> journal(c, accepted)));
            }
            pending.flush();
            keepAlerts(group, answers);
        } catch (Exception | OutOfMemoryError e) {
            undo(accepted);
            stopIfFenced(e);
            if (group.size() > 1 && e instanceof PgException) {
                // Postgres refused the group and rolled it back: one member's fault must not fail the
                // others, so each half is decided and journaled again on its own, down to the guilty one
                int half = group.size() / 2;
                process(group.subList(0, half));
                process(group.subList(half, group.size()));
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                answers[i] = e;
            }
        }
        answer(group, answers);
    }

    private void answer(List<Pending> group, Object[] answers) {
        for (int i = 0; i < group.size(); i++) {
            Object a = answers[i];
            if (a == DEFERRED || a instanceof Integer first && answers[first] == DEFERRED) {
                deferred.add(group.get(i));
                continue;
            }
            if (a instanceof Integer first) {
                a = answers[first] instanceof Receipt r
                        ? new Receipt(r.sequence(), r.late(), r.outcome(), true)
                        : answers[first];
            }
            Promise<Receipt> promise = group.get(i).promise();
            Object answer = a;
            group.get(i).context().runOnContext(v -> {
                if (answer instanceof Receipt r) {
                    promise.complete(r);
                } else {
                    promise.fail((Throwable) answer);
                }
            });
        }
    }

    /**
     * Alerts for the regulator (a second sale: possible clone) outlive the answer, journaled or not.
     * Best effort: a failure to keep them is logged and never fails the reports.
     */
    private void keepAlerts(List<Pending> group, Object[] answers) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (answers[i] instanceof Receipt r && !r.repeated()) {
                rows.addAll(
                        alertRows(group.get(i).report().facility(), r.outcome().alerts()));
            }
        }
        keep(rows);
    }

    /** The same for a bulk report, once it ends. */
    private void keepAlerts(int facility, List<Outcome.Alert> alerts) {
        keep(alertRows(facility, alerts));
    }

    private static List<Tuple> alertRows(int facility, List<Outcome.Alert> alerts) {
        List<Tuple> rows = new ArrayList<>();
        for (Outcome.Alert a : alerts) {
            rows.add(Tuple.of(a.kind().name(), facility, a.productId(), a.serial(), a.message()));
        }
        return rows;
    }

    private void keep(List<Tuple> rows) {
        if (!rows.isEmpty()) {
            try {
                await(pool.preparedQuery(Alerts.KEEP).executeBatch(rows)); // one per code and facility, repeats counted
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not keep " + rows.size() + " alert(s)", e);
            }
        }
    }

    /** Decides one report and, when it changes anything, applies it to the overlay for the rest of the group. */
    private Object decide(Report r, List<Accepted> accepted) {
        boolean late = Duration.between(r.occurredAt(), r.receivedAt()).compareTo(LATE_AFTER) > 0;
        Decision d;
        try {
            d = r.decide().apply(writerLedger);
        } catch (Fenced f) {
            return DEFERRED; // it touches a bulk report not yet committed: after that one
        } catch (RuntimeException e) {
            return e; // this report's fault alone
        }
        if (!d.changes()) {
            return new Receipt(0, late, d.outcome(), false);
        }
        RuntimeException elsewhere = shards.elsewhere(ref, shard, d.effects());
        if (elsewhere != null) {
            return elsewhere; // sent to the wrong writer: never journaled in a shard not its holder's
        }
        long seq = writerLedger.sequence() + 1;
        writerLedger.apply(seq, d.effects());
        accepted.add(new Accepted(r, seq, late, d));
        return new Receipt(seq, late, d.outcome(), false);
    }

    /** The group was not journaled (or may not have been): forget it, and catch up with the journal. */
    private void undo(List<Accepted> accepted) {
        pending.discard();
        for (Accepted a : accepted) {
            a.decision().effects().recalledBatches().forEach(ref::unrecall);
            a.decision().effects().newBatches().forEach(ref::forgetBatch);
        }
        writerLedger.rewindTo(store.appliedSequence());
        try {
            replay(); // the commit may have happened after all
        } catch (Exception e) {
            pending.discard();
            writerLedger.rewindTo(store.appliedSequence()); // Postgres is away: the next report retries
        }
    }

    /** Answers already journaled for the idempotency keys of a group, by facility/key. */
    private Map<String, Receipt> earlierAnswers(List<Pending> group) throws Exception {
        List<Integer> facilities = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Pending p : group) {
            if (p.report().idempotencyKey() != null) {
                facilities.add(p.report().facility());
                keys.add(p.report().idempotencyKey());
            }
        }
        Map<String, Receipt> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        RowSet<Row> rows = await(pool.preparedQuery("select j.facility, j.idempotency_key, j.seq, j.late, j.outcome"
                        + " from journal j join unnest($1::int[], $2::text[]) as k(facility, key)"
                        + " on j.shard = $3 and j.facility = k.facility and j.idempotency_key = k.key")
                .execute(Tuple.tuple()
                        .addArrayOfInteger(facilities.toArray(new Integer[0]))
                        .addArrayOfString(keys.toArray(new String[0]))
                        .addInteger(shard)));
        for (Row row : rows) {
            found.put(
                    row.getInteger("facility") + "/" + row.getString("idempotency_key"),
                    new Receipt(
                            row.getLong("seq"),
                            row.getBoolean("late"),
                            OutcomeJson.decode(row.getString("outcome")),
                            true));
        }
        return found;
    }

    /** Journals {@code accepted} in {@code c}'s transaction, if the fence lets this node commit. */
    private Future<Void> journal(SqlConnection c, List<Accepted> accepted) {
        return fence.check(c).compose(v -> journalRows(c, accepted));
    }

    private Future<Void> journalRows(SqlConnection c, List<Accepted> accepted) {
        List<Tuple> batches = new ArrayList<>();
        List<Tuple> recalls = new ArrayList<>();
        List<Tuple> events = new ArrayList<>();
        for (Accepted a : accepted) {
            Effects fx = a.decision().effects();
            for (Batch b : fx.newBatches()) {
                batches.add(Tuple.of(b.ref(), b.productId(), b.batch(), b.expiry(), shard));
            }
            for (int recalled : fx.recalledBatches()) {
                recalls.add(Tuple.of(recalled, shard));
            }
            Report r = a.report();
            events.add(Tuple.from(new Object[] {
                a.seq(),
                r.kind().name(),
                r.facility(),
                OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(r.receivedAt(), ZoneOffset.UTC),
                a.late(),
                r.idempotencyKey(),
                OutcomeJson.encode(a.decision().outcome()),
                Buffer.buffer(fx.encode()),
                r.details(),
                a.bulk(),
                shard
            }));
        }
        // issue 21: a writer's batches and recalls are its holders' (the guard refuses other shards'
        // codes), so they are in its shard, each a single-shard statement on Citus
        Future<?> chain = batches.isEmpty()
                ? Future.succeededFuture()
                : c.preparedQuery(
                                "insert into batch (ref, product_id, batch, expiry, shard) values ($1, $2, $3, $4, $5)")
                        .executeBatch(batches);
        if (!recalls.isEmpty()) {
            chain = chain.compose(v -> c.preparedQuery("update batch set recalled = true where shard = $2 and ref = $1")
                    .executeBatch(recalls));
        }
        return chain.compose(v -> c.preparedQuery("insert into journal (seq, kind, facility, occurred_at, received_at,"
                                + " late, idempotency_key, outcome, effects, details, bulk, shard)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                        .executeBatch(events))
                .mapEmpty();
    }

    /**
     * Applies every journal event after the store's position, in order, in pages sized by the bytes
     * of their effects (small events many at a time, a huge one alone). Writer thread only.
     */
    private void replay() throws Exception {
        int page = 1;
        while (!closing) {
            RowSet<Row> rows = await(pool.preparedQuery(
                            "select seq, effects, bulk from journal where shard = $3 and seq > $1 order by seq limit $2")
                    .execute(Tuple.of(writerLedger.sequence(), page, shard)));
            if (rows.size() == 0) {
                return;
            }
            long bytes = 0;
            for (Row row : rows) {
                byte[] effects = row.getBuffer("effects").getBytes();
                bytes += effects.length;
                Long bulk = row.getLong("bulk");
                if (bulk != null) {
                    // a bulk report: its parts first, then its commit, which moves the store's position past it
                    pending.flush();
                    bulks.replayParts(bulk);
                }
                writerLedger.apply(row.getLong("seq"), Effects.decode(effects));
                replayed++;
            }
            pending.flush();
            page = bytes < REPLAY_BYTES / 2
                    ? Math.min(page * 2, REPLAY_PAGE)
                    : bytes > REPLAY_BYTES ? Math.max(1, page / 2) : page;
        }
    }

    /**
     * The reference data the rules use, from Postgres: facilities, products, GTINs, batches and
     * issuances. One node's writers share it (issue 21).
     */
    public static Future<ReferenceData> loadReferenceData(Pool pool) {
        ReferenceData ref = new ReferenceData();
        return loadReferenceData(pool, ref).map(ref);
    }

    /**
     * Issue 21: what was registered and issued since {@code ref} was loaded, added to it (a standby
     * taking a shard over: its followers loaded it when it started). Nothing is removed.
     */
    public static Future<Void> refreshReferenceData(Pool pool, ReferenceData ref) {
        return loadReferenceData(pool, ref);
    }

    private static Future<Void> loadReferenceData(Pool pool, ReferenceData ref) {
        // facilities, products, GTINs and issuances as a standby's follower reads them, all of them from id 0
        return new ReferenceFollower(pool, ref)
                .follow()
                .compose(v -> pool.query("select ref, product_id, batch, expiry, recalled from batch")
                        .execute())
                .map(rows -> {
                    rows.forEach(r -> {
                        Batch b = ref.addBatch(new Batch(
                                r.getInteger("ref"),
                                r.getInteger("product_id"),
                                r.getString("batch"),
                                r.getLocalDate("expiry")));
                        if (r.getBoolean("recalled")) {
                            ref.recall(b.ref());
                        }
                    });
                    return null;
                });
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops taking reports once those already submitted are done. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        writer.shutdown();
        writer.awaitTermination(60, TimeUnit.SECONDS);
        bulks.close();
    }
}
