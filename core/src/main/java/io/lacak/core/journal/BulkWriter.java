package io.lacak.core.journal;

import io.lacak.core.journal.BulkReport.Chunk;
import io.lacak.core.journal.BulkReport.Phase;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.Outcome.Refused;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.OverlayStore;
import io.lacak.core.store.StagedStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer's side of {@link BulkReport}s: one at a time, in the order opened, each
 * advanced by one bounded step between the writer's groups (a chunk decided, or a few parts
 * applied), so that small reports interleave. Writer thread only, except {@link #add}.
 */
final class BulkWriter {

    private static final Logger LOG = Logger.getLogger(BulkWriter.class.getName());
    /** Parts inserted and not yet confirmed before the writer waits for the oldest. */
    private static final int PARTS_IN_FLIGHT = 8;
    /** Parts applied to the store in one step. */
    private static final int PARTS_PER_STEP = 2;

    private static final long DB_TIMEOUT_SECONDS = 60;

    private final Pool pool;
    private final CodeStore store;
    private final OverlayStore pending;
    private final ReferenceData ref;
    private final SerialKeys keys;
    private final Clock clock;
    private final Ledger writerLedger;
    /**
     * Applies committed parts straight into the store, not through the writer's overlay: a step
     * runs between groups, when the overlay holds nothing, and the fence keeps every small report
     * off the codes until the last part is in.
     */
    private final Ledger partLedger;

    private final Path staging;
    /** The shard whose journal this writer's bulk reports go to (issue 21). */
    private final int shard;

    private final Shards shards;

    private final Queue<BulkReport> queue = new ConcurrentLinkedQueue<>();

    /**
     * Closes and deletes the scratch stores of reports that ended, off the writer thread: unmapping
     * and deleting a million-row report's files took the writer half a second, and every small
     * report waited (benchmarks/RESULTS.md, "Sales tail after session 11"). Each report has its own
     * directory, and a start empties the staging directory, so nothing waits for a deletion.
     */
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lacak-staging-cleaner");
        t.setDaemon(true);
        return t;
    });

    BulkWriter(
            Pool pool,
            CodeStore store,
            OverlayStore pending,
            ReferenceData ref,
            SerialKeys keys,
            Clock clock,
            Ledger writerLedger,
            Path staging,
            int shard,
            Shards shards) {
        this.shard = shard;
        this.shards = shards;
        this.pool = pool;
        this.store = store;
        this.pending = pending;
        this.ref = ref;
        this.keys = keys;
        this.clock = clock;
        this.writerLedger = writerLedger;
        this.partLedger = new Ledger(store, ref, keys, clock);
        this.staging = staging;
    }

    void add(BulkReport b) {
        queue.add(b);
    }

    /** Whether a bulk report holds a fence (reports that touch its codes wait). */
    boolean fencing() {
        BulkReport b = queue.peek();
        return b != null && b.staged != null;
    }

    /** Whether {@link #step} has something to do now. */
    boolean ready() {
        BulkReport b = queue.peek();
        return b != null
                && (b.phase == Phase.APPLYING || !b.chunks.isEmpty() || b.ended() || b.aborted() || b.failure != null);
    }

    /**
     * One bounded step of the bulk report in front; false when it has nothing to do until its
     * reader offers more. {@code commit} journals its commit row and returns whether it did.
     */
    boolean step(java.util.function.Predicate<BulkReport> commit, Consumer<BulkReport> finished) {
        BulkReport b = queue.peek();
        if (b == null) {
            return false;
        }
        if (b.phase == Phase.APPLYING) {
            apply(b, finished);
            return true;
        }
        Chunk chunk = b.aborted() ? null : b.chunks.poll();
        if (chunk != null) {
            decide(b, chunk);
            return true;
        }
        if (!b.ended() && !b.aborted() && b.failure == null) {
            return false;
        }
        if (b.doomed() || b.accepted == 0 || !partsWritten(b)) {
            drop(b, finished);
        } else if (commit.test(b)) {
            b.phase = Phase.APPLYING;
        } else {
            drop(b, finished);
        }
        return true;
    }

    private void begin(BulkReport b) {
        b.staged = StagedStore.open(store, staging.resolve("bulk-" + b.id), b.expectedRows);
        b.ledger = new Ledger(b.staged, ref, keys, clock);
        b.ledger.batchRefsOf(shard, shards.count());
        pending.fence(b.staged::staged);
        writerLedger.fenceBatches(b::touchesBatch);
    }

    private void decide(BulkReport b, Chunk chunk) {
        if (b.staged == null) {
            begin(b);
        }
        if (b.failure != null) {
            b.decided(chunk.lines().length);
            return;
        }
        Decision d;
        try {
            d = chunk.decide().apply(b.ledger, Mode.PER_CODE);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bulk report " + b.id + " could not be decided", e);
            b.failure = e;
            return;
        }
        RuntimeException elsewhere = d.changes() ? shards.elsewhere(ref, shard, d.effects()) : null;
        if (elsewhere != null) {
            b.failure = elsewhere; // a code of another shard's holder: not in this shard's journal
            return;
        }
        for (Refused r : d.outcome().refused()) {
            b.refuse(new Refused((int) chunk.lines()[r.index()], r.serial(), r.reason()));
        }
        b.accepted += d.outcome().accepted();
        for (Outcome.Alert a : d.outcome().alerts()) {
            if (b.alerts.size() < BulkReport.MAX_ALERTS) {
                b.alerts.add(a);
            }
        }
        if (d.changes()) {
            Effects fx = d.effects();
            b.ledger.apply(0, fx); // into the staged store, for the later chunks
            for (Batch nb : fx.newBatches()) {
                b.newBatches.add(nb);
                b.batches.add(nb.ref());
            }
            fx.forEachBatchOfCodes(b.batches::add);
            pending.reserveContainersBelow(b.staged.nextContainerId());
            if (!b.doomed()) {
                writePart(b, fx, chunk.lines().length);
            }
        }
        b.decided(chunk.lines().length);
    }

    private void writePart(BulkReport b, Effects fx, int rows) {
        int part = b.nextPart++;
        Tuple row = Tuple.of(shard, b.id, part, rows, Buffer.buffer(fx.encode()));
        // not flushed to disk on its own: a part counts only once the report's commit row is durable,
        // and that commit flushes the log up to itself, this part's insert included
        b.parts.add(pool.withTransaction(
                c -> c.query("set local synchronous_commit = off").execute().compose(v -> c.preparedQuery(
                                "insert into journal_part (shard, bulk, part, rows, effects) values ($1, $2, $3, $4, $5)")
                        .execute(row))));
        long inFlight = b.parts.stream().filter(f -> !f.isComplete()).count();
        if (inFlight > PARTS_IN_FLIGHT) {
            try {
                b.parts.stream()
                        .filter(f -> !f.isComplete())
                        .findFirst()
                        .orElseThrow()
                        .await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                b.failure = e;
            }
        }
        b.parts.removeIf(f -> f.succeeded());
    }

    /** Waits for every part to be in the journal; false (and the report failed) when one is not. */
    private boolean partsWritten(BulkReport b) {
        try {
            Future.all(b.parts).await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            b.parts.clear();
            return true;
        } catch (Exception e) {
            b.failure = e;
            return false;
        }
    }

    private void apply(BulkReport b, Consumer<BulkReport> finished) {
        RowSet<Row> rows;
        try {
            rows = pool.preparedQuery(
                            "select part, rows, effects from journal_part where shard = $4 and bulk = $1 and part >= $2"
                                    + " order by part limit $3")
                    .execute(Tuple.of(b.id, b.nextApply, PARTS_PER_STEP, shard))
                    .await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // committed but not read back: the report stands; replay applies it whole (its watermark is held)
            LOG.log(Level.WARNING, "bulk report " + b.id + ": parts not read back; retrying", e);
            return;
        }
        if (rows.size() == 0) {
            writerLedger.releaseWatermark();
            pending.flush();
            b.phase = Phase.DONE;
            end(b);
            finished.accept(b); // before the answer: whoever hears it sees what followed from it
            b.promise.complete(
                    new BulkReport.Result(new Receipt(b.seq, b.late, outcome(b, true), false), b.refusedCount));
            return;
        }
        if (pending.pending()) {
            throw new IllegalStateException("a bulk report's parts are applied between groups, never within one");
        }
        for (Row row : rows) {
            partLedger.applyPart(Effects.decode(row.getBuffer("effects").getBytes()));
            b.applied(row.getInteger("rows"));
            b.nextApply = row.getInteger("part") + 1;
        }
    }

    /** The outcome of a bulk report: what it accepted and its first refusals, each naming its file line. */
    static Outcome outcome(BulkReport b, boolean applied) {
        return new Outcome(applied, applied ? b.accepted : 0, List.copyOf(b.refused), List.of());
    }

    private void drop(BulkReport b, Consumer<BulkReport> finished) {
        for (Batch nb : b.newBatches) {
            ref.forgetBatch(nb);
        }
        end(b);
        if (!b.keepParts) {
            for (var part : b.parts) { // a part still in flight would land after the delete
                try {
                    part.await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // not written: nothing to delete
                }
            }
            try {
                pool.preparedQuery("delete from journal_part where shard = $2 and bulk = $1")
                        .execute(Tuple.of(b.id, shard))
                        .await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "parts of bulk " + b.id + " left for the next start", e);
            }
        }
        b.phase = Phase.DONE;
        finished.accept(b); // before the answer: whoever hears it sees what followed from it
        if (b.failure != null) {
            b.promise.fail(new IllegalStateException("the report could not be processed: " + b.failure, b.failure));
        } else {
            b.promise.complete(new BulkReport.Result(new Receipt(0, b.late, outcome(b, false), false), b.refusedCount));
        }
    }

    private void end(BulkReport b) {
        queue.poll();
        StagedStore done = b.staged;
        b.staged = null;
        pending.fence(null);
        writerLedger.fenceBatches(null);
        if (done != null) {
            cleaner.execute(() -> {
                try {
                    done.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not delete a bulk report's staging (the next start does)", e);
                }
            });
        }
    }

    /** Replay: applies the parts of committed bulk report {@code bulk}, in order, a page at a time. */
    void replayParts(long bulk) throws Exception {
        // the caller has flushed what came before; the next page is asked for before this one is
        // applied, so Postgres reads while the store applies (a third of rebuild's replay was waiting)
        Future<RowSet<Row>> page = replayPage(bulk, 0);
        while (true) {
            RowSet<Row> rows = page.await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (rows.size() == 0) {
                return;
            }
            int next = 0;
            for (Row row : rows) {
                next = row.getInteger("part") + 1;
            }
            page = replayPage(bulk, next);
            for (Row row : rows) {
                partLedger.applyPart(Effects.decode(row.getBuffer("effects").getBytes()));
            }
        }
    }

    private Future<RowSet<Row>> replayPage(long bulk, int from) {
        return pool.preparedQuery("select part, effects from journal_part where shard = $3 and bulk = $1"
                        + " and part >= $2 order by part limit 8")
                .execute(Tuple.of(bulk, from, shard));
    }

    /** Stops: the report in front, if any, is left to its reader's retry (its parts are deleted on start). */
    void close() {
        BulkReport b = queue.peek();
        if (b != null && b.staged != null) {
            b.staged.close();
            b.staged = null;
        }
        cleaner.shutdown();
        try {
            cleaner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
