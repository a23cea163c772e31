package io.lacak.ingest.upload;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.BulkReport;
import io.lacak.core.journal.Receipt;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.ingest.csv.CsvProblem;
import io.lacak.ingest.csv.CsvReport;
import io.lacak.ingest.csv.ProblemText;
import io.lacak.ingest.csv.Template;
import io.lacak.ingest.csv.TemplateMismatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CSV upload jobs (issue 6): a file streamed to disk becomes a job that is parsed off the event
 * loop, checked row by row, and handed to the sequencer as one report — the same command the JSON
 * API builds. The file is one process by default (any row problem refuses it whole, nothing
 * applied); {@link Mode#PER_CODE} applies the good rows and lists the rest. The same file or
 * idempotency key from a facility is one job. Jobs interrupted by a stop are resumed on start;
 * their report's idempotency key makes the journal apply each exactly once.
 *
 * <p>Issue 21: a job's row is in its home shard, the uploading facility's own holder shard (where a
 * usage file is journaled; a file of movements whose parts go to several shards is still one row
 * there), and every query of a known job names it: a single-shard query on Citus. Only {@link
 * #resume} and {@link #get(long)} (an id alone) read every shard.
 *
 * <p>{@code jobs.accept(new Upload(facility, Template.USAGE, Mode.ATOMIC, file, null, occurredAt, now)).map(job -> job.getLong("id"))}
 *
 * <p>Over 400 lines because a job's life is one state machine over one table — accepted or
 * repeated, read as one report or handed on as a bulk report a chunk at a time, resumed after a
 * stop, shown with its progress — whose steps only make sense read together.
 */
public final class UploadJobs {

    private static final Logger LOG = Logger.getLogger(UploadJobs.class.getName());

    /** Where a job is. */
    public enum State {
        QUEUED,
        PARSING,
        APPLYING,
        DONE,
        REFUSED,
        FAILED;

        boolean finished() {
            return this == DONE || this == REFUSED || this == FAILED;
        }
    }

    /**
     * A file received: who sent it, for which template, how to apply it, when the activity happened,
     * and when the upload reached Lacak ({@code receivedAt}: the 24-hour window of Pasal 12(5), 13(3)
     * ends there, however long the job waits for a thread).
     */
    public record Upload(
            Facility facility,
            Template template,
            Mode mode,
            Path file,
            String idempotencyKey,
            Instant occurredAt,
            Instant receivedAt) {

        /** The same upload, received into {@code received}. */
        public Upload withFile(Path received) {
            return new Upload(facility, template, mode, received, idempotencyKey, occurredAt, receivedAt);
        }
    }

    private static final class Progress {
        volatile State state = State.QUEUED;
        volatile long rows;
        volatile long bytesRead;
        /**
         * The file's bulk reports, once it is bigger than one chunk or spans shards: one, or a part
         * in each shard its codes are in (issue 21); how far the writers are.
         */
        final Map<Integer, BulkReport> bulks = new ConcurrentHashMap<>();

        long decided() {
            return bulks.values().stream().mapToLong(BulkReport::decided).sum();
        }

        long applied() {
            return bulks.values().stream().mapToLong(BulkReport::applied).sum();
        }

        void abort() {
            bulks.values().forEach(BulkReport::abort);
        }
    }

    /**
     * A job being run: its upload's settings, the shard of a file that is not split ({@code own}:
     * the uploader's holder shard, a manufacturer's files are its codes), whether its codes go a part
     * to each shard they are in ({@code splits}: a distributor's or pharmacy's movements with
     * several shards), and the parts found in the journal when it was resumed.
     */
    private record Job(
            long id,
            Facility facility,
            Template template,
            Mode mode,
            Instant occurredAt,
            Instant receivedAt,
            String key,
            long bytes,
            int own,
            boolean splits,
            Map<Integer, Receipt> journaled,
            Progress progress) {}

    private final Vertx vertx;
    private final Pool pool;
    /** Issue 21: the shards' writers, and the rule that sends a file's codes to theirs. */
    private final ShardWriters writers;

    private final io.lacak.core.lifecycle.ReferenceData ref;
    private final Gs1Codec codec;
    private final Path dir;
    /** Two files read at a time; a big one is held a few chunks at a time (issue 18), whatever its size. */
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "lacak-ingest");
        t.setDaemon(true);
        return t;
    });

    private final Map<Long, Progress> running = new ConcurrentHashMap<>();

    /** What {@code /health} shows of the ingest threads: whether they take work, and the jobs running. */
    public record Health(boolean up, int running) {}

    public Health health() {
        return new Health(!workers.isShutdown(), running.size());
    }

    public UploadJobs(Vertx vertx, Pool pool, ShardWriters writers, Gs1Codec codec, Path dir) {
        this.vertx = vertx;
        this.pool = pool;
        this.ref = writers.referenceData();
        this.writers = writers;
        this.codec = codec;
        this.dir = dir;
    }

    /** A fresh file name in the upload directory for a file being received. */
    public Path incomingFile() throws IOException {
        Files.createDirectories(dir);
        return dir.resolve("incoming-" + UUID.randomUUID() + ".csv");
    }

    /**
     * Issue 18: a file being received, its job already reading it: where the receiver writes the body
     * ({@link #file}), how far its writes are ({@link #wrote}), and then {@link #received} or {@link
     * #withdraw}.
     */
    public final class Incoming {
        private final long id;
        private final int shard;
        private final Upload upload;
        private final Arriving arriving;

        private Incoming(long id, int shard, Upload upload, Arriving arriving) {
            this.id = id;
            this.shard = shard;
            this.upload = upload;
            this.arriving = arriving;
        }

        /** The job's own file: the receiver writes the body here. */
        public Path file() {
            return UploadJobs.this.file(id);
        }

        /** Event loop: the write of the body up to {@code end} (bytes) was issued. */
        public void wrote(long end, Future<Void> write) {
            arriving.wrote(end, write);
        }

        /**
         * The body is complete: its SHA-256 and size. The job reads on to the end, or, when the same
         * file is a job already, it stops with nothing applied and the answer is that job's ({@code
         * "repeated": true}); a failed one is replaced by this one.
         */
        public Future<JsonObject> received(String sha256, long bytes) {
            return pool.preparedQuery("update upload set sha256 = $2, bytes = $3 where shard = $4 and id = $1")
                    .execute(Tuple.of(id, sha256, bytes, shard))
                    .compose(
                            v -> {
                                arriving.accepted();
                                return get(id, shard);
                            },
                            e -> isUniqueViolation(e)
                                    ? repeatOf(sha256, bytes)
                                    : withdraw(e).compose(v -> Future.failedFuture(e)));
        }

        private Future<JsonObject> repeatOf(String sha256, long bytes) {
            return pool.preparedQuery("select id, state from upload where shard = $5 and facility = $1"
                            + " and template = $2 and mode = $3 and sha256 = $4")
                    .execute(Tuple.of(
                            upload.facility().ref(),
                            upload.template().name(),
                            upload.mode().name(),
                            sha256,
                            shard))
                    .compose(rows -> {
                        if (rows.size() == 0) {
                            return received(sha256, bytes); // the other went meanwhile
                        }
                        Row other = rows.iterator().next();
                        long otherId = other.getLong("id");
                        if (State.valueOf(other.getString("state")) == State.FAILED) {
                            // a failed job of the same file is replaced by this one, which runs instead
                            return pool.preparedQuery("delete from upload where shard = $2 and id = $1")
                                    .execute(Tuple.of(otherId, shard))
                                    .compose(d -> received(sha256, bytes));
                        }
                        return withdraw(new IllegalStateException("a repeat of upload " + otherId))
                                .compose(d -> get(otherId, shard))
                                .map(job -> job.put("repeated", true));
                    });
        }

        /**
         * No job after all, nothing applied: the body did not arrive whole (the connection went, a
         * limit was passed), or it repeats a job; its reader fails and its row goes.
         */
        public Future<Void> withdraw(Throwable cause) {
            arriving.withdraw(cause);
            return pool.preparedQuery("delete from upload where shard = $2 and id = $1")
                    .execute(Tuple.of(id, shard))
                    .mapEmpty();
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /**
     * Issue 18: starts the job of a file about to be received, so it is read while it arrives (the
     * parse no longer waits for the whole body); {@code null} when its idempotency key names a job
     * already (then the file is received whole and {@link #accept}ed, which answers that job). The
     * job's row has no hash until {@link Incoming#received}: one left so by a stop is failed on the
     * next start ({@link #resume}), its client never having had an answer.
     */
    public Future<Incoming> begin(Upload u, long expectedBytes) {
        int shard = home(u.facility());
        return pool.preparedQuery("insert into upload (facility, template, mode, sha256, idempotency_key, bytes,"
                        + " occurred_at, received_at, state, shard)"
                        + " values ($1, $2, $3, null, $4, $5, $6, $7, 'QUEUED', $8)"
                        + " on conflict do nothing returning id")
                .execute(Tuple.from(new Object[] {
                    u.facility().ref(),
                    u.template().name(),
                    u.mode().name(),
                    u.idempotencyKey(),
                    expectedBytes,
                    OffsetDateTime.ofInstant(u.occurredAt(), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(u.receivedAt(), ZoneOffset.UTC),
                    shard
                }))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    long id = rows.iterator().next().getLong(0);
                    Arriving arriving = new Arriving(file(id));
                    return offLoop(() -> {
                                Files.createDirectories(dir);
                                Files.newByteChannel(
                                                file(id),
                                                java.nio.file.StandardOpenOption.CREATE,
                                                java.nio.file.StandardOpenOption.WRITE,
                                                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)
                                        .close();
                                return null;
                            })
                            .map(v -> {
                                Progress progress = new Progress();
                                running.put(id, progress);
                                processArriving(id, shard, u, expectedBytes, arriving, progress);
                                return new Incoming(id, shard, u, arriving);
                            });
                });
    }

    /** The job of a file arriving: read as it comes; withdrawn, it ends with nothing applied and no row. */
    private void processArriving(long id, int shard, Upload u, long bytes, Arriving arriving, Progress progress) {
        Job job = new Job(
                id,
                u.facility(),
                u.template(),
                u.mode(),
                u.occurredAt(),
                u.receivedAt(),
                "upload-" + id,
                bytes,
                shard, // the home shard, where a file that is not split goes
                splits(u.template()),
                Map.of(), // a new key: nothing of it is journaled
                progress);
        offLoop(() -> {
                    run(job, arriving::open);
                    return null;
                })
                .onFailure(e -> {
                    if (e instanceof Arriving.Withdrawn) {
                        running.remove(id);
                        workers.execute(() -> UploadFiles.delete(file(id)));
                        return;
                    }
                    failed(id, shard, e);
                });
    }

    /**
     * Takes a received file as a job, or finds the job it repeats (same content or idempotency key);
     * a repeat of a failed job runs it again. The answer is the job as {@link #get} shows it.
     */
    public Future<JsonObject> accept(Upload u) {
        return offLoop(() -> new String[] {UploadFiles.sha256(u.file()), String.valueOf(Files.size(u.file()))})
                .compose(read -> {
                    String hash = read[0];
                    long bytes = Long.parseLong(read[1]);
                    int shard = home(u.facility());
                    return pool.preparedQuery(
                                    "insert into upload (facility, template, mode, sha256, idempotency_key, bytes,"
                                            + " occurred_at, received_at, state, shard)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, 'QUEUED', $9)"
                                            + " on conflict do nothing returning id")
                            .execute(Tuple.from(new Object[] {
                                u.facility().ref(),
                                u.template().name(),
                                u.mode().name(),
                                hash,
                                u.idempotencyKey(),
                                bytes,
                                OffsetDateTime.ofInstant(u.occurredAt(), ZoneOffset.UTC),
                                OffsetDateTime.ofInstant(u.receivedAt(), ZoneOffset.UTC),
                                shard
                            }))
                            .compose(rows -> rows.size() == 1
                                    ? start(rows.iterator().next().getLong(0), shard, u.file())
                                    : repeat(u, hash, shard));
                });
    }

    /**
     * Issue 21: the shard a job's row is in, the uploader's own holder shard, whichever shards its
     * parts go to; one facility's jobs are all there, so its repeats are found there.
     */
    private int home(Facility uploader) {
        return writers.shards().ofHolder(uploader.partnerId());
    }

    /**
     * Issue 21: {@link ShardWriters.Elsewhere} when another node writes {@code uploader}'s home shard,
     * before a byte of the file is read: the upload is sent on to that shard's owner, whose job it is.
     */
    public void takesFilesOf(Facility uploader) {
        int shard = home(uploader);
        if (!writers.writes(shard)) {
            throw new ShardWriters.Elsewhere(shard);
        }
    }

    /**
     * Issue 21: rows of a file of movements whose codes are in a shard another node writes, from
     * {@code line} on. Such a file is refused whole (nothing applied in any shard) until parts of a
     * file can be streamed to another node; the same movements as JSON reports are split across nodes.
     */
    private static final class RowsElsewhere extends RuntimeException {
        final long line;
        final int shard;

        RowsElsewhere(long line, int shard) {
            super("rows of shard " + shard + " from line " + line, null, false, false);
            this.line = line;
            this.shard = shard;
        }
    }

    /** Issue 21: a usage file is one holder's process (Lampiran G), in its shard; movements split. */
    private boolean splits(Template template) {
        return template != Template.USAGE && writers.shards().count() > 1;
    }

    private Future<JsonObject> repeat(Upload u, String hash, int shard) {
        return pool.preparedQuery("select id, state from upload where shard = $6 and facility = $1 and ((template = $2"
                        + " and mode = $3 and sha256 = $4) or idempotency_key = $5) order by id limit 1")
                .execute(Tuple.of(
                        u.facility().ref(), u.template().name(), u.mode().name(), hash, u.idempotencyKey(), shard))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    long id = row.getLong("id");
                    if (State.valueOf(row.getString("state")) == State.FAILED) {
                        return pool.preparedQuery(
                                        "update upload set state = 'QUEUED', finished_at = null, problems = null,"
                                                + " problem_count = 0, rows_read = 0 where shard = $2 and id = $1")
                                .execute(Tuple.of(id, shard))
                                .compose(v -> start(id, shard, u.file()));
                    }
                    return offLoop(() -> {
                                UploadFiles.delete(u.file());
                                return null;
                            })
                            .compose(v -> get(id, shard))
                            .map(job -> job.put("repeated", true));
                });
    }

    private Future<JsonObject> start(long id, int shard, Path incoming) {
        return offLoop(() -> Files.move(incoming, file(id), StandardCopyOption.REPLACE_EXISTING))
                .compose(moved -> {
                    running.put(id, new Progress());
                    process(id, shard);
                    return get(id, shard);
                });
    }

    /** Runs again every job a stop interrupted; their journaled reports are not applied twice. */
    public Future<Integer> resume() {
        // every shard's (this node writes them all): on Citus a read of all shards, in no transaction
        return pool.query("select id, sha256, shard from upload where state in ('QUEUED', 'PARSING', 'APPLYING')"
                        + " order by id")
                .execute()
                .map(rows -> {
                    int resumed = 0;
                    for (Row row : rows) {
                        long id = row.getLong(0);
                        if (!writers.writes(row.getInteger(2))) {
                            continue; // issue 21: a job of another node's shard is that node's to resume
                        }
                        if (row.getString(1) == null) {
                            // a stop came while its body arrived: its client had no answer, nothing is
                            // committed (its parts are deleted at the writer's start); it must come again
                            finish(
                                    id,
                                    row.getInteger(2),
                                    State.FAILED,
                                    0,
                                    null,
                                    null,
                                    List.of(ProblemText.INTERRUPTED.at(0, null)),
                                    1);
                            continue;
                        }
                        running.put(id, new Progress());
                        process(id, row.getInteger(2));
                        resumed++;
                    }
                    return resumed;
                });
    }

    private void process(long id, int shard) {
        offLoop(() -> {
                    run(id, shard);
                    return null;
                })
                .onFailure(e -> failed(id, shard, e));
    }

    private void failed(long id, int shard, Throwable e) {
        LOG.log(Level.SEVERE, "upload " + id + " failed", e);
        finish(id, shard, State.FAILED, 0, null, null, List.of(ProblemText.INTERNAL.at(0, null)), 1);
    }

    /** Worker thread: parse, check, submit, record. */
    private void run(long id, int shard) throws Exception {
        Row row = pool.preparedQuery("select facility, template, mode, occurred_at, received_at, rows_read from upload"
                        + " where shard = $2 and id = $1")
                .execute(Tuple.of(id, shard))
                .await(1, TimeUnit.MINUTES)
                .iterator()
                .next();
        Facility facility = ref.facility(row.getInteger("facility"));
        Template template = Template.valueOf(row.getString("template"));
        String key = "upload-" + id;
        int own = home(facility); // the row's shard too
        boolean splits = splits(template);
        Map<Integer, Receipt> journaled = journaled(
                splits
                        ? writers.members().stream()
                                .map(ShardWriters.Member::shard)
                                .toList()
                        : List.of(own),
                facility,
                key);
        Mode mode = Mode.valueOf(row.getString("mode"));
        if (!splits && !journaled.isEmpty() && mode == Mode.ATOMIC) {
            // a stop came after its commit: it is applied, only its end was not recorded; its rows were
            // counted when it went APPLYING, before the commit, and are not read again. A committed atomic
            // file had no row problems; a partial one's are not in the journal: it is read again for them
            // below, nothing of it offered (its report is journaled)
            running.computeIfAbsent(id, k -> new Progress()).rows = row.getLong("rows_read");
            finishJournaled(id, own, journaled.get(own));
            return;
        }
        Job job = new Job(
                id,
                facility,
                template,
                mode,
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("received_at").toInstant(), // the upload's arrival, not now
                key,
                Files.size(file(id)),
                own,
                splits,
                journaled,
                running.computeIfAbsent(id, k -> new Progress()));
        run(job, () -> Files.newInputStream(file(id)));
    }

    /** Where a job reads its file from: the file on disk, or the file as it arrives. */
    private interface Source {
        InputStream open() throws IOException;
    }

    private void run(Job job, Source source) throws Exception {
        try {
            runFile(job, source);
        } catch (RowsElsewhere e) {
            job.progress().abort(); // nothing applied in any shard: the file is refused whole
            for (BulkReport b : job.progress().bulks.values()) {
                b.end(null).await(1, TimeUnit.HOURS);
            }
            finish(
                    job.id(),
                    job.own(),
                    State.REFUSED,
                    0,
                    null,
                    null,
                    List.of(ProblemText.SHARD_ELSEWHERE.at(e.line, null, e.shard)),
                    1);
        }
    }

    private void runFile(Job job, Source source) throws Exception {
        long id = job.id();
        Progress progress = job.progress();
        Mode mode = job.mode();
        state(id, job.own(), progress, State.PARSING);
        CsvReport report;
        // a file bigger than one chunk goes to the writer a chunk at a time while it is read (issue 18)
        CsvReport.ChunkSink sink = r -> {
            // rows read shown before their chunk can be decided: rowsDecided never passes rowsRead
            // (the count every 10,000 rows lagged the writer by up to nine chunks)
            progress.rows = r.rows();
            if (r.problemCount() > 0 && mode == Mode.ATOMIC) {
                r.chunk(); // one process: it is refused whole; the rest is only read for its problems
                progress.abort();
                return;
            }
            offer(job, r);
        };
        try (InputStream in = new UploadFiles.Counting(source.open(), n -> progress.bytesRead += n);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            report = CsvReport.read(
                    job.template(), reader, job.facility(), ref, codec, rows -> progress.rows = rows, sink);
        } catch (TemplateMismatch e) {
            finish(
                    id,
                    job.own(),
                    State.REFUSED,
                    0,
                    null,
                    null,
                    e.problems(),
                    e.problems().size());
            return;
        } catch (Exception e) {
            progress.abort();
            throw e;
        }
        progress.rows = report.rows();
        if (report.problemCount() > 0 && mode == Mode.ATOMIC || report.validRows() == 0) {
            // one process (Lampiran G-J): a file with any bad row is refused whole, nothing applied
            progress.abort();
            for (BulkReport b : progress.bulks.values()) {
                b.end(null).await(1, TimeUnit.HOURS);
            }
            finish(
                    id,
                    job.own(),
                    report.problemCount() > 0 ? State.REFUSED : State.DONE,
                    0,
                    null,
                    null,
                    report.problems(),
                    report.problemCount());
            return;
        }
        state(id, job.own(), progress, State.APPLYING);
        Receipt receipt;
        long refusedCount = 0;
        java.util.function.LongUnaryOperator lineOf;
        java.util.SortedSet<Integer> pending = job.splits() ? report.pendingShards(this::shardOf) : null;
        if (progress.bulks.isEmpty() && job.journaled().isEmpty() && (pending == null || pending.size() == 1)) {
            int shard = pending == null ? job.own() : pending.first();
            if (!writers.writes(shard)) {
                throw new RowsElsewhere(report.pendingRows() > 0 ? report.line(0) : 0, shard);
            }
            receipt = writers.member(shard)
                    .sequencer()
                    .submit(report.toReport(job.occurredAt(), job.receivedAt(), job.key(), mode))
                    .await(1, TimeUnit.HOURS);
            refusedCount = receipt.outcome().refused().size();
            lineOf = i -> report.line((int) i);
        } else {
            if (report.pendingRows() > 0) {
                offer(job, report); // the last, partly filled
            }
            // issue 21: the parts already journaled (a resumed job) with those ended now, in shard order
            java.util.SortedMap<Integer, Receipt> parts = new java.util.TreeMap<>(job.journaled());
            for (Receipt r : job.journaled().values()) {
                refusedCount += r.outcome().refused().size();
            }
            for (Map.Entry<Integer, BulkReport> b : new java.util.TreeMap<>(progress.bulks).entrySet()) {
                BulkReport.Result result = b.getValue().end(report.details()).await(1, TimeUnit.HOURS);
                parts.put(b.getKey(), result.receipt());
                refusedCount += result.refusedCount();
            }
            receipt =
                    parts.size() == 1 ? parts.values().iterator().next() : Receipt.ofParts(List.copyOf(parts.values()));
            lineOf = i -> i; // a bulk report's refusals name their file line
        }
        List<CsvProblem> problems = new java.util.ArrayList<>(report.problems());
        for (Outcome.Refused r : receipt.outcome().refused()) {
            problems.add(
                    CsvProblem.refused(lineOf.applyAsLong(r.index()), report.codeColumn(), r.reason(), r.serial()));
        }
        // one list in line order (a row with a problem is never decided, so no line is in both):
        // the first 1,000 of each list hold the first 1,000 of both together (finish keeps those)
        problems.sort(java.util.Comparator.comparingLong(CsvProblem::line));
        long count = report.problemCount() + refusedCount;
        finish(
                id,
                job.own(),
                receipt.outcome().applied() ? State.DONE : State.REFUSED,
                receipt.outcome().accepted(),
                receipt.sequence(),
                receipt.late(),
                problems,
                count);
    }

    private int shardOf(CodeRef code) {
        return writers.shardOf(code.productId());
    }

    /**
     * The rows {@code r} holds to their bulk reports: the file's one, or a part to each shard their
     * codes are in, opened as the first of its rows comes; none to a part a resumed job found journaled.
     */
    private void offer(Job job, CsvReport r) throws IOException, InterruptedException {
        Map<Integer, BulkReport.Chunk> chunks =
                job.splits() ? r.chunksByShard(this::shardOf) : Map.of(job.own(), r.chunk());
        for (Map.Entry<Integer, BulkReport.Chunk> c : chunks.entrySet()) {
            if (!writers.writes(c.getKey())) { // issue 21: another node's shard; checked before any is offered
                long[] lines = c.getValue().lines();
                throw new RowsElsewhere(lines.length == 0 ? 0 : lines[0], c.getKey());
            }
        }
        for (Map.Entry<Integer, BulkReport.Chunk> c : chunks.entrySet()) {
            if (job.journaled().containsKey(c.getKey())) {
                continue; // that shard's part was applied before a stop: applied once
            }
            BulkReport bulk = job.progress().bulks.get(c.getKey());
            if (bulk == null) {
                try {
                    bulk = writers.member(c.getKey())
                            .sequencer()
                            .bulk(
                                    r.kind(),
                                    job.facility().ref(),
                                    job.occurredAt(),
                                    job.key(),
                                    job.mode(),
                                    job.receivedAt(),
                                    job.bytes() / 150)
                            .await(1, TimeUnit.MINUTES);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IOException("the writer did not open the report", e);
                }
                job.progress().bulks.put(c.getKey(), bulk);
            }
            bulk.offer(c.getValue());
        }
    }

    /**
     * The answers journaled in {@code shards} for the file's bulk report (the server stopped between
     * a commit and the job's end): those parts are applied, and are not offered again.
     */
    private Map<Integer, Receipt> journaled(List<Integer> shards, Facility facility, String key) throws Exception {
        Map<Integer, Receipt> out = new java.util.TreeMap<>();
        for (int shard : shards) {
            Receipt r = writers.member(shard)
                    .sequencer()
                    .bulkAnswer(facility.ref(), key)
                    .await(1, TimeUnit.MINUTES);
            if (r != null) {
                out.put(shard, r);
            }
        }
        return out;
    }

    /** The job of a file journaled whole ends with the answer journaled, applied once. */
    private void finishJournaled(long id, int shard, Receipt r) {
        Outcome o = r.outcome();
        List<CsvProblem> problems = new java.util.ArrayList<>();
        for (Outcome.Refused refused : o.refused()) {
            problems.add(CsvProblem.refused(refused.index(), null, refused.reason(), refused.serial()));
        }
        finish(
                id,
                shard,
                o.applied() ? State.DONE : State.REFUSED,
                o.accepted(),
                r.sequence(),
                r.late(),
                problems,
                problems.size());
    }

    private void state(long id, int shard, Progress p, State s) throws Exception {
        p.state = s;
        pool.preparedQuery("update upload set state = $2, rows_read = $3 where shard = $4 and id = $1")
                .execute(Tuple.of(id, s.name(), p.rows, shard))
                .await(1, TimeUnit.MINUTES);
    }

    private void finish(
            long id,
            int shard,
            State state,
            long accepted,
            Long seq,
            Boolean late,
            List<CsvProblem> problems,
            long count) {
        Progress p = running.get(id);
        JsonArray list = new JsonArray();
        problems.stream().limit(CsvReport.MAX_PROBLEMS).forEach(q -> list.add(problem(q)));
        pool.preparedQuery(
                        "update upload set state = $2, rows_read = $3, rows_accepted = $4, journal_seq = $5, late = $6,"
                                + " problems = $7, problem_count = $8, finished_at = now() where shard = $9 and id = $1")
                .execute(Tuple.from(new Object[] {
                    id, state.name(), p == null ? 0 : p.rows, accepted, seq, late, list.encode(), count, shard
                }))
                .onComplete(r -> {
                    running.remove(id);
                    workers.execute(() -> UploadFiles.delete(file(id))); // file I/O off the event loop
                    if (r.failed()) {
                        LOG.log(Level.SEVERE, "cannot record the end of upload " + id, r.cause());
                    }
                });
    }

    /**
     * Runs {@code task} on the ingest threads (plain threads, so that it may wait for the database
     * and the sequencer); the result comes back on the caller's context.
     */
    private <T> Future<T> offLoop(java.util.concurrent.Callable<T> task) {
        return io.lacak.core.concurrent.PlainThreads.call(vertx, workers, task);
    }

    /** Stops taking jobs; those running are left to be resumed on the next start. */
    public void close() {
        workers.shutdownNow();
    }

    /**
     * A job as its uploader sees it, or {@code null} when there is none with this id. An id alone
     * names no shard: on Citus a read of every shard (in no transaction), the one row found.
     */
    public Future<JsonObject> get(long id) {
        return get(id, null);
    }

    /** {@link #get(long)} of a job in {@code shard}, when known: a single-shard read on Citus. */
    private Future<JsonObject> get(long id, Integer shard) {
        return pool.preparedQuery(
                        shard == null
                                ? "select * from upload where id = $1"
                                : "select * from upload where shard = $2 and id = $1")
                .execute(shard == null ? Tuple.of(id) : Tuple.of(id, shard))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    State stored = State.valueOf(r.getString("state"));
                    Progress p = running.get(id);
                    State state = p != null && !stored.finished() ? p.state : stored;
                    long rowsRead = p != null && !stored.finished() ? p.rows : r.getLong("rows_read");
                    long bytes = r.getLong("bytes");
                    long decided = p == null ? 0 : p.decided();
                    long appliedRows = p == null ? 0 : p.applied();
                    int percent =
                            switch (state) {
                                case QUEUED -> 0;
                                case PARSING, APPLYING -> percent(state, p, bytes, decided, appliedRows);
                                default -> 100;
                            };
                    Facility uploader = ref.facility(r.getInteger("facility"));
                    return new JsonObject()
                            .put("id", id)
                            .put("partnerId", uploader == null ? null : uploader.partnerId())
                            .put(
                                    "template",
                                    Template.valueOf(r.getString("template")).slug())
                            .put("mode", r.getString("mode"))
                            .put("state", state.name())
                            .put("percent", percent)
                            .put("bytes", bytes)
                            .put("rowsRead", rowsRead)
                            .put("rowsDecided", stored.finished() ? rowsRead : decided)
                            .put("rowsApplied", stored.finished() ? r.getLong("rows_accepted") : appliedRows)
                            .put("rowsAccepted", r.getLong("rows_accepted"))
                            .put("late", r.getBoolean("late"))
                            .put("journalSequence", r.getLong("journal_seq"))
                            .put("problemCount", r.getLong("problem_count"))
                            .put("problems", problems(r.getString("problems")))
                            .put(
                                    "createdAt",
                                    r.getOffsetDateTime("created_at")
                                            .toInstant()
                                            .toString())
                            .put(
                                    "receivedAt",
                                    r.getOffsetDateTime("received_at")
                                            .toInstant()
                                            .toString())
                            .put(
                                    "finishedAt",
                                    r.getOffsetDateTime("finished_at") == null
                                            ? null
                                            : r.getOffsetDateTime("finished_at")
                                                    .toInstant()
                                                    .toString());
                });
    }

    /**
     * How far a running job is. A file of one chunk: read (to 90) then decided (95). A bigger one
     * (issue 18) is read, decided and applied at once, each counted in rows: 40 for the bytes
     * read, 30 for the rows read that the writer has decided, 30 for those applied to the store.
     */
    private static int percent(State state, Progress p, long bytes, long decided, long applied) {
        if (p == null || bytes == 0) {
            return 0;
        }
        double read = Math.min(1.0, (double) p.bytesRead / bytes);
        if (p.bulks.isEmpty()) {
            return state == State.APPLYING ? 95 : (int) (read * 90);
        }
        double rows = Math.max(1, p.rows);
        double done = 40 * read + 30 * read * Math.min(1.0, decided / rows) + 30 * Math.min(1.0, applied / rows);
        return (int) Math.min(99, done);
    }

    /**
     * A problem as stored and shown: {@code message} in English (as it always was), {@code messages}
     * in Bahasa Indonesia and English, as a JSON report's refusals.
     */
    private static JsonObject problem(CsvProblem p) {
        JsonObject out = new JsonObject()
                .put("line", p.line())
                .put("column", p.column())
                .put("code", p.code())
                .put("message", p.message());
        return p.messageId() == null
                ? out
                : out.put("messages", new JsonObject().put("id", p.messageId()).put("en", p.message()));
    }

    /**
     * A job's stored problems as shown. A row stored before problems carried {@code messages} is
     * given them from its code and English, by the same words that write them now; a message none of
     * them wrote (or cut at {@link CsvProblem#MAX_TEXT}) is shown as it was, without.
     */
    private static JsonArray problems(String stored) {
        JsonArray out = new JsonArray();
        if (stored == null) {
            return out;
        }
        for (Object o : new JsonArray(stored)) {
            JsonObject p = (JsonObject) o;
            if (!p.containsKey("messages")) {
                CsvProblem q = CsvProblem.restored(
                        p.getLong("line", 0L), p.getString("column"), p.getString("code"), p.getString("message"));
                if (q.messageId() != null) {
                    p.put("messages", new JsonObject().put("id", q.messageId()).put("en", q.message()));
                }
            }
            out.add(p);
        }
        return out;
    }

    private Path file(long id) {
        return dir.resolve(id + ".csv");
    }
}
