package io.lacak.api.upload;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.journal.OccurredAt;
import io.lacak.core.journal.Report;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.ingest.csv.Template;
import io.lacak.ingest.upload.UploadJobs;
import io.lacak.ingest.upload.UploadJobs.Upload;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * CSV uploads over HTTP (issue 6): {@code POST /api/v1/uploads/{template}} takes a raw
 * {@code text/csv} body or a multipart form and streams it to disk (never into memory), answering
 * at once with the job; {@code GET /api/v1/uploads/{id}} shows it; {@code GET
 * /api/v1/templates/{template}} gives the header and an example row. The upload sits outside the
 * OpenAPI router, whose body handling would buffer the file.
 */
public final class UploadRoutes {

    private final Vertx vertx;
    private final UploadJobs jobs;
    private final ReferenceData ref;
    private final Authentication authenticator;
    private final long limit;
    private final Limits limits;
    private final Clock clock;
    /** Upload bytes each facility has in flight, counted as they arrive. */
    private final Map<Integer, AtomicLong> inFlight = new ConcurrentHashMap<>();

    /**
     * How much one upload, one facility's uploads together, and all of them against the disk may take:
     * {@code fileBytes} per file (413), {@code facilityBytes} in flight per facility (429),
     * {@code diskFloorBytes} of free disk kept (507).
     */
    public record Limits(long fileBytes, long facilityBytes, long diskFloorBytes) {}

    public UploadRoutes(
            Vertx vertx, UploadJobs jobs, ReferenceData ref, Authenticator authenticator, Limits limits, Clock clock) {
        this.vertx = vertx;
        this.jobs = jobs;
        this.ref = ref;
        this.authenticator = new Authentication(authenticator);
        this.limit = limits.fileBytes();
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Mounts every route of the group, each in one place: what the contract cannot carry on {@code
     * root} (before the contract's router), the JSON operations through {@code contract} (see {@code
     * ApiVerticle}).
     */
    public void mount(Router root, RouterBuilder contract) {
        onRoot(root);
        throughContract(contract);
    }

    /** The streaming routes, on the root router before the contract's. */
    private void onRoot(Router root) {
        root.post("/api/v1/uploads/:template")
                .handler(ctx -> {
                    ctx.request().pause(); // nothing is read before the caller is known and the file is open
                    ctx.next();
                })
                .handler(authenticator)
                .handler(this::upload);
        root.get("/api/v1/templates/:template").handler(this::download);
    }

    /** The JSON routes, through the contract. */
    private void throughContract(RouterBuilder b) {
        b.getRoute("getUpload").addHandler(this::job);
    }

    private void upload(RoutingContext ctx) {
        try {
            take(ctx);
        } catch (io.lacak.core.journal.ShardWriters.Elsewhere elsewhere) {
            throw elsewhere; // issue 21: sent on, its body unread, to the owner of the uploader's shard
        } catch (RuntimeException refused) {
            // refused before its body was read: answer, then close, or the unread body blocks the connection
            closeAfterAnswer(ctx);
            throw refused;
        }
    }

    /** Answer, then close: an end handler of the context, since the response's own endHandler is the router's. */
    private static void closeAfterAnswer(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        ctx.addEndHandler(v -> ctx.request().connection().close());
    }

    private void take(RoutingContext ctx) {
        Instant receivedAt = clock.instant(); // Pasal 12(5), 13(3): the upload reached Lacak now, whenever its job runs
        Facility facility =
                Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        jobs.takesFilesOf(facility); // issue 21: the job is the uploader's shard's owner's
        Template template = template(ctx);
        Mode mode = "partial".equalsIgnoreCase(ctx.request().getParam("mode")) ? Mode.PER_CODE : Mode.ATOMIC;
        Instant occurredAt = occurredAt(ctx.request().getParam("occurredAt"));
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && (!length.matches("[0-9]{1,18}") || Long.parseLong(length) > limit)) {
            throw tooLarge();
        }
        String key = ctx.request().getHeader("Idempotency-Key");
        String keyProblem = Report.keyProblem(key);
        if (keyProblem != null) {
            throw Problem.badRequest("Idempotency-Key", "BAD_IDEMPOTENCY_KEY", keyProblem);
        }
        Path file;
        try {
            file = jobs.incomingFile();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot store the upload", e);
        }
        refuseBelowDiskFloor(file);
        AtomicLong mine = inFlight.computeIfAbsent(facility.ref(), f -> new AtomicLong());
        long announced = length == null ? 0 : Long.parseLong(length);
        if (mine.get() + announced > limits.facilityBytes()) {
            throw quotaExceeded();
        }
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
            // every check that needs no body has passed: only now may a waiting client send it (RFC 9110, 10.1.1)
            ctx.response().writeContinue();
        }
        Upload upload = new Upload(facility, template, mode, null, key, occurredAt, receivedAt);
        jobs.begin(upload, announced)
                .onFailure(e -> {
                    closeAfterAnswer(ctx); // its body was never read
                    ctx.fail(e);
                })
                .onSuccess(incoming -> {
                    long[] counted = {0};
                    LongConsumer count = n -> {
                        counted[0] += n;
                        if (mine.addAndGet(n) > limits.facilityBytes()) {
                            throw quotaExceeded();
                        }
                    };
                    Future<JsonObject> job;
                    Path target;
                    if (incoming != null) {
                        // issue 18: its job reads the file while it arrives; the hash decides at the end
                        target = incoming.file();
                        Sink sink = new Sink(incoming);
                        job = receive(ctx.request(), target, count, sink)
                                .andThen(ar -> mine.addAndGet(-counted[0]))
                                .compose(v -> incoming.received(sink.sha256(), sink.bytes), e -> incoming.withdraw(e)
                                        .transform(ar -> Future.failedFuture(e)));
                    } else {
                        // its idempotency key names a job already: received whole, then answered as that job
                        target = file;
                        job = receive(ctx.request(), file, count, null)
                                .andThen(ar -> mine.addAndGet(-counted[0]))
                                .compose(v -> jobs.accept(upload.withFile(file)));
                    }
                    job.onFailure(e -> {
                                vertx.fileSystem().delete(target.toString());
                                if (e instanceof Problem p
                                        && (p.status() == 413 || p.status() == 429 || p.status() == 507)) {
                                    // the rest of the body is not wanted: answer, then close rather than read it
                                    closeAfterAnswer(ctx);
                                }
                                ctx.fail(e);
                            })
                            .onSuccess(answer -> ctx.response()
                                    .putHeader("Location", "/api/v1/uploads/" + answer.getLong("id"))
                                    .putHeader("content-type", "application/json")
                                    .setStatusCode(202)
                                    .end(answer.encode()));
                });
    }

    /** What a body's writes tell the job reading it as it arrives: how far they are, and the hash. */
    private static final class Sink {
        private final UploadJobs.Incoming incoming;
        private final java.security.MessageDigest sha256;
        long bytes;

        Sink(UploadJobs.Incoming incoming) {
            this.incoming = incoming;
            try {
                this.sha256 = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void wrote(Buffer chunk, Future<Void> write) {
            sha256.update(chunk.getBytes());
            bytes += chunk.length();
            incoming.wrote(bytes, write);
        }

        String sha256() {
            return java.util.HexFormat.of().formatHex(sha256.digest());
        }
    }

    private Problem quotaExceeded() {
        return new Problem(
                429,
                "UPLOAD_QUOTA",
                "unggahan fasilitas ini yang sedang berjalan melebihi " + limits.facilityBytes()
                        + " byte; tunggu sampai selesai / this facility's uploads in flight exceed "
                        + limits.facilityBytes()
                        + " bytes; wait for them to finish",
                java.util.List.of());
    }

    /** 507 when the disk under the uploads has less than the floor left: a full disk would stop the journal too. */
    private void refuseBelowDiskFloor(Path file) {
        long free;
        try {
            free = java.nio.file.Files.getFileStore(file.getParent()).getUsableSpace();
        } catch (java.io.IOException e) {
            return; // cannot tell: the write itself will fail if the disk is full
        }
        if (free < limits.diskFloorBytes()) {
            throw new Problem(
                    507,
                    "INSUFFICIENT_STORAGE",
                    "ruang disk server tidak cukup untuk unggahan / the server has too little"
                            + " disk left for uploads (" + free + " bytes free, floor " + limits.diskFloorBytes() + ")",
                    java.util.List.of());
        }
    }

    private Problem tooLarge() {
        return new Problem(413, "BODY_TOO_LARGE", "uploads are at most " + limit + " bytes", java.util.List.of());
    }

    /** Streams the body to {@code file}: the raw body, or the first file part of a multipart form. */
    private Future<Void> receive(HttpServerRequest request, Path file, LongConsumer count, Sink sink) {
        // a connection closed mid-body (by the client, or by the body timeout) fails the upload, which
        // deletes the file, whether a file part had begun or not
        Promise<Void> broken = Promise.promise();
        request.exceptionHandler(broken::tryFail);
        String type = request.getHeader("Content-Type");
        if (type != null && type.toLowerCase().startsWith("multipart/form-data")) {
            Promise<Void> done = Promise.promise();
            boolean[] seen = {false};
            request.setExpectMultipart(true);
            request.uploadHandler(part -> {
                if (seen[0]) {
                    part.handler(b -> {}); // one file per upload: later parts are read and dropped
                    return;
                }
                seen[0] = true;
                toFile(part, file, count, sink, broken.future()).onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.tryComplete();
                    } else {
                        done.tryFail(ar.cause());
                    }
                });
            });
            request.endHandler(v -> {
                if (!seen[0]) {
                    done.tryFail(new Problem(400, "NO_FILE", "the form holds no file part", java.util.List.of()));
                }
            });
            broken.future().onFailure(e -> {
                if (!seen[0]) { // once a part began, toFile fails when it has closed the file
                    done.tryFail(e);
                }
            });
            request.resume();
            return done.future();
        }
        return toFile(request, file, count, sink, broken.future());
    }

    /**
     * Writes {@code in} to {@code file}, counting as it goes: at {@code limit} bytes it stops and
     * fails with 413, so an over-long body (chunked, or lying about its length) never fills the disk.
     * When {@code broken} fails (the connection is gone) the file is closed and the write fails.
     * {@code sink}, if any, is told of every write (issue 18: the job reads the file as it arrives).
     */
    private Future<Void> toFile(ReadStream<Buffer> in, Path file, LongConsumer count, Sink sink, Future<Void> broken) {
        in.pause();
        return vertx.fileSystem()
                .open(
                        file.toString(),
                        new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                .compose(out -> {
                    Promise<Void> done = Promise.promise();
                    long[] bytes = {0};
                    in.handler(chunk -> {
                        bytes[0] += chunk.length();
                        try {
                            count.accept(chunk.length());
                            if (bytes[0] > limit) {
                                throw tooLarge();
                            }
                        } catch (Problem refused) {
                            in.handler(null);
                            out.close();
                            done.tryFail(refused);
                            return;
                        }
                        Future<Void> written = out.write(chunk);
                        if (sink != null) {
                            sink.wrote(chunk, written);
                        }
                        if (out.writeQueueFull()) {
                            in.pause();
                            out.drainHandler(v -> in.resume());
                        }
                    });
                    in.exceptionHandler(e -> out.close().onComplete(v -> done.tryFail(e)));
                    broken.onFailure(e -> {
                        in.handler(null);
                        out.close().onComplete(v -> done.tryFail(e));
                    });
                    in.endHandler(v -> out.close().onComplete(done));
                    in.resume();
                    return done.future();
                });
    }

    /** The rule is the journal's ({@link OccurredAt}), the same as for JSON reports. */
    private Instant occurredAt(String text) {
        try {
            return OccurredAt.parse(text, clock);
        } catch (OccurredAt.Refused e) {
            throw Problem.badRequest(e.field(), e.reason().name(), e.getMessage());
        }
    }

    private static Template template(RoutingContext ctx) {
        Template t = Template.ofSlug(ctx.pathParam("template"));
        if (t == null) {
            throw Problem.notFound("no template " + ctx.pathParam("template")
                    + "; there are usage, shipment, receipt, sale, return and recall-shipment");
        }
        return t;
    }

    private void download(RoutingContext ctx) {
        Template t = template(ctx);
        ctx.response()
                .putHeader("content-type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"lacak-" + t.slug() + ".csv\"")
                .end(t.example());
    }

    private void job(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        long id = Replies.longPath(ctx, "id");
        Replies.json(ctx, 200, jobs.get(id).map(job -> {
            Facility uploader = job == null ? null : ref.facility(job.getString("partnerId"));
            if (uploader == null || !(caller.regulator() || caller.memberOf(uploader.ref()))) {
                throw Problem.notFound("no upload " + id + " of the caller's facilities");
            }
            return job;
        }));
    }
}
