package io.lacak.core.journal;

import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.LacakSerials;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome.Refused;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.store.StagedStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A report too big to decide in one go (issue 18: a usage file of a million lines), handed to the
 * {@link Sequencer} in chunks while it is read. It stays one report — one process (Lampiran G):
 * all of it or, in {@link Mode#ATOMIC}, nothing — but the single writer decides it a chunk at a
 * time between other reports' groups, so that nobody waits behind it:
 *
 * <ol>
 *   <li>each chunk is decided against the store and the report's earlier chunks, which are kept in
 *       a {@link StagedStore} off the heap; its effects are journaled as a part (a few hundred
 *       kilobytes) that counts for nothing yet;
 *   <li>codes and batches the report has touched are fenced: another report that reads one waits
 *       until this one is committed or dropped, and is then decided against what it left;
 *   <li>at the end one journal row that names the parts is committed: the commit point; then the
 *       parts are applied to the store a part at a time, and the store's position passes the
 *       report only when its last part is applied.
 * </ol>
 *
 * A kill at any instant leaves the parts of an uncommitted report unnamed (deleted on start) or a
 * committed one that replay applies whole. Memory holds a few chunks and the first {@link
 * #MAX_REFUSED} refusals, whatever the size of the file.
 *
 * <p>{@code BulkReport b = sequencer.bulk(ReportKind.USAGE, mfr, occurredAt, key, Mode.ATOMIC, receivedAt); b.offer(chunk); b.end(null)}
 */
public final class BulkReport {

    /** Lines of a chunk, the writer's step: a few milliseconds, what a report beside a bulk one may wait. */
    public static final int CHUNK_LINES = 1_024;
    /** Refusals kept to answer with; all are counted. */
    public static final int MAX_REFUSED = 1_000;
    /** Alerts kept for the regulator from one report, at most (each is one code's). */
    static final int MAX_ALERTS = 100_000;
    /** Chunks read ahead of the writer, at most: what bounds the memory of a big file. */
    static final int READ_AHEAD = 4;

    /**
     * One chunk: the file line of each of its lines (what a refusal names) and its rule, which the
     * writer calls with {@link Mode#PER_CODE} (the report's own mode is applied to the whole); and
     * what of its rule the reading thread works out ahead in {@link #offer} ({@code null}: nothing),
     * so that the writer's share of a chunk is less (the FF1 decryption of its serials: {@link
     * io.lacak.core.lifecycle.UsageLines#decrypt}).
     */
    public record Chunk(long[] lines, BiFunction<Ledger, Mode, Decision> decide, Consumer<LacakSerials> prepare) {

        /** A chunk with nothing to work out ahead. */
        public Chunk(long[] lines, BiFunction<Ledger, Mode, Decision> decide) {
            this(lines, decide, null);
        }
    }

    /**
     * The end of a bulk report: its receipt (sequence, lateness, outcome with the first refusals,
     * each {@code index} the file line), and the number of all refusals.
     */
    public record Result(Receipt receipt, long refusedCount) {}

    enum Phase {
        DECIDING,
        APPLYING,
        DONE
    }

    final ReportKind kind;
    final int facility;
    final java.time.Instant occurredAt;
    final String idempotencyKey;
    final Mode mode;
    final java.time.Instant receivedAt;
    final long expectedRows;
    final long id;
    private final Runnable wake;
    private final LacakSerials readerSerials; // the reading thread's (offers come one after the other)
    final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(READ_AHEAD);
    final Promise<Result> promise = Promise.promise();

    // the writer's, once it takes the report up
    Phase phase = Phase.DECIDING;
    StagedStore staged;
    Ledger ledger;
    final List<Batch> newBatches = new ArrayList<>();
    final Set<Integer> batches = new HashSet<>();
    final List<Refused> refused = new ArrayList<>();
    /** Alerts for the regulator its chunks raised (a second sale: possible clone), kept once it is committed. */
    final List<io.lacak.core.lifecycle.Outcome.Alert> alerts = new ArrayList<>();

    final List<Future<?>> parts = new ArrayList<>();
    long refusedCount;
    int accepted;
    int nextPart;
    int nextApply;
    long seq;
    boolean late;
    Throwable failure;
    /** The commit's outcome is unknown: its parts stay (start-up deletes them if no journal row names them). */
    boolean keepParts;

    private volatile boolean ended;
    private volatile boolean aborted;
    private volatile String details;
    private volatile long decided;
    private volatile long applied;

    BulkReport(
            long id,
            ReportKind kind,
            int facility,
            java.time.Instant occurredAt,
            String idempotencyKey,
            Mode mode,
            java.time.Instant receivedAt,
            long expectedRows,
            LacakSerials readerSerials,
            Runnable wake) {
        this.id = id;
        this.readerSerials = readerSerials;
        this.kind = kind;
        this.facility = facility;
        this.occurredAt = occurredAt;
        this.idempotencyKey = idempotencyKey;
        this.mode = mode;
        this.receivedAt = receivedAt;
        this.expectedRows = expectedRows;
        this.wake = wake;
        String problem = Report.keyProblem(idempotencyKey); // the check any report gets before the journal
        if (problem != null) {
            throw new Report.Invalid("idempotencyKey", problem);
        }
    }

    /**
     * Hands the writer the next chunk; waits while {@link #READ_AHEAD} chunks wait already (the
     * reader never runs ahead of the writer by more). Reading thread only.
     */
    public void offer(Chunk chunk) throws InterruptedException {
        if (chunk.prepare() != null) {
            chunk.prepare().accept(readerSerials); // on this thread, while the writer decides the chunk before
        }
        while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (promise.future().isComplete()) {
                return; // dropped meanwhile (the writer failed it): nothing waits for more
            }
            wake.run();
        }
        wake.run();
    }

    /** Nothing of the report is to be applied (a row problem in an atomic file): the writer drops it. */
    public void abort() {
        aborted = true;
        wake.run();
    }

    /** The last chunk was offered; {@code details} (JSON or null) is journaled with the report. */
    public Future<Result> end(String details) {
        if (details != null && Report.hasNul(details)) {
            throw new Report.Invalid("details", "teks memuat karakter NUL / the text holds a NUL character");
        }
        this.details = details;
        ended = true;
        wake.run();
        return promise.future();
    }

    /** The answer, once the report is committed and applied, or dropped. */
    public Future<Result> result() {
        return promise.future();
    }

    /** Lines decided so far. */
    public long decided() {
        return decided;
    }

    /** Lines whose effects are in the store so far (after the commit). */
    public long applied() {
        return applied;
    }

    boolean ended() {
        return ended;
    }

    boolean aborted() {
        return aborted;
    }

    String details() {
        return details;
    }

    void decided(long lines) {
        decided += lines;
    }

    void applied(long lines) {
        applied += lines;
    }

    /** In {@link Mode#ATOMIC} one refusal dooms the report: no more parts are journaled. */
    boolean doomed() {
        return aborted || failure != null || mode == Mode.ATOMIC && refusedCount > 0;
    }

    void refuse(Refused r) {
        refusedCount++;
        if (refused.size() < MAX_REFUSED) {
            refused.add(r);
        }
    }

    /** Whether the report uses batch {@code ref}: a recall of it, or another report's new batch of that name, waits. */
    boolean touchesBatch(int ref) {
        return batches.contains(ref);
    }
}
