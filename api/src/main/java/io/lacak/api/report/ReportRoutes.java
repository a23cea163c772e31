package io.lacak.api.report;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.Report;
import io.lacak.core.journal.ReportKind;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.registration.account.Caller;
import io.lacak.registration.document.Documents;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The reports of Pasal 11-13 over JSON (Lampiran G-L): each request becomes one {@link Report}
 * for the sequencer, the same command a CSV row becomes. Malformed input is a 400 listing every
 * problem before anything is decided; refused codes give a 422 listing each with its reason and
 * nothing applied, unless {@code mode} is {@code PER_CODE}.
 */
public final class ReportRoutes {

    private interface Movement {
        Function<Ledger, Decision> decide(int by, int to, List<CodeRef> codes, Mode mode);
    }

    private interface InPlace {
        Function<Ledger, Decision> decide(int by, List<CodeRef> codes, Mode mode);
    }

    /** Where a recall letter is kept: the document owner of the batch's letter. */
    private static final String LETTER_OWNER = "recall-letter:";

    /** Issue 21: a report goes to the writer of its codes' (or its batch's) shard. */
    private final ShardWriters writers;

    private final ReferenceData ref;
    private final Gs1Codec codec;
    private final Clock clock;
    private final Letters letters;
    private final ReportSubmission submission;

    /** What the recall with its letter needs beyond the reports: the documents, the form's handling. */
    public record Letters(Vertx vertx, Documents documents, Authentication authentication, String uploadsDir) {}

    public ReportRoutes(ShardWriters writers, Gs1Codec codec, Clock clock, Letters letters) {
        this.writers = writers;
        this.ref = writers.referenceData();
        this.codec = codec;
        this.clock = clock;
        this.letters = letters;
        this.submission = new ReportSubmission(writers, clock);
    }

    /**
     * The JSON reports through {@code b}; on {@code root} the recall as a form with its letter
     * ({@code POST /api/v1/recall-letters}, multipart: the contract carries no files) and the
     * letter's download.
     */
    public void mount(Router root, RouterBuilder b) {
        FormUpload.authenticatedPost(root, "/api/v1/recall-letters", letters.authentication(), letters.uploadsDir(), 1)
                .handler(this::recallWithLetter);
        root.get("/api/v1/recall-letters/:id").handler(letters.authentication()).handler(this::letter);
        mount(b);
    }

    private void mount(RouterBuilder b) {
        b.getRoute("reportUsage").addHandler(this::usage);
        b.getRoute("reportShipment")
                .addHandler(ctx -> movement(ctx, ReportKind.SHIPMENT, (by, to, c, m) -> l -> l.ship(by, to, c, m)));
        b.getRoute("reportReceipt")
                .addHandler(ctx -> inPlace(ctx, ReportKind.RECEIPT, (by, c, m) -> l -> l.receive(by, c, m)));
        // Lampiran J: the pharmacy endpoint is the busiest; the contract validator (a worker-thread hop
        // and a schema validator built per request) is skipped and ReportInput checks the same shape.
        b.getRoute("reportSale")
                .setDoValidation(false)
                .addHandler(ctx -> inPlace(ctx, ReportKind.SALE, (by, c, m) -> l -> l.sell(by, c, m)));
        b.getRoute("reportReturn")
                .addHandler(ctx -> movement(ctx, ReportKind.RETURN, (by, to, c, m) -> l -> l.returnTo(by, to, c, m)));
        b.getRoute("decideReturn").addHandler(this::decideReturn);
        b.getRoute("reportRecall").addHandler(this::recall);
        b.getRoute("reportRecallShipment")
                .addHandler(ctx ->
                        movement(ctx, ReportKind.RECALL_SHIPMENT, (by, to, c, m) -> l -> l.recallShip(by, to, c, m)));
        b.getRoute("reportRecallReceipt")
                .addHandler(
                        ctx -> inPlace(ctx, ReportKind.RECALL_RECEIPT, (by, c, m) -> l -> l.recallReceive(by, c, m)));
        b.getRoute("reportUnpack")
                .addHandler(ctx -> inPlace(ctx, ReportKind.UNPACK, (by, c, m) -> l -> l.unpack(by, c, m)));
    }

    private ReportInput input(RoutingContext ctx) {
        return new ReportInput(ctx, Replies.checkedBody(ctx), ref, codec, clock);
    }

    /** Lampiran G: active / reject / retained sample, packed primary -> secondary -> tertiary in one process. */
    private void usage(RoutingContext ctx) {
        submission.handle(ctx, c -> {
            ReportInput in = input(c);
            JsonArray lines = in.body.getJsonArray("lines", new JsonArray());
            List<UsageLine> usage = new ArrayList<>(lines.size());
            List<String> shown = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                JsonObject line = lines.getJsonObject(i);
                String at = "lines[" + i + "]";
                CodeRef primary = in.code(line.getValue("primary"), at + ".primary");
                CodeRef secondary = line.getValue("secondary") == null
                        ? null
                        : in.code(line.getValue("secondary"), at + ".secondary");
                CodeRef tertiary =
                        line.getValue("tertiary") == null ? null : in.code(line.getValue("tertiary"), at + ".tertiary");
                UsageLine.Use use = UsageLine.Use.valueOf(line.getString("use", "ACTIVE"));
                usage.add(new UsageLine(primary, use, secondary, tertiary));
                shown.add(line.getString("primary"));
            }
            in.check();
            int by = in.facility.ref();
            return new ReportSubmission.Prepared<>(
                    "lines",
                    shown,
                    ReportKind.USAGE,
                    in,
                    null,
                    usage,
                    (some, mode) -> l -> l.usage(by, some, mode),
                    null);
        });
    }

    private void movement(RoutingContext ctx, ReportKind kind, Movement m) {
        submission.handle(ctx, c -> {
            ReportInput in = input(c);
            in.allow("destination", "reason", "codes");
            Facility to = in.facility("destination");
            List<CodeRef> codes = in.codes("codes");
            in.check();
            String reason = in.body.getString("reason");
            int by = in.facility.ref();
            return new ReportSubmission.Prepared<>(
                    "codes",
                    codeTexts(in),
                    kind,
                    in,
                    reason == null
                            ? null
                            : new JsonObject().put("reason", reason).encode(),
                    codes,
                    (some, mode) -> m.decide(by, to.ref(), some, mode),
                    codes);
        });
    }

    private void inPlace(RoutingContext ctx, ReportKind kind, InPlace p) {
        submission.handle(ctx, c -> {
            ReportInput in = input(c);
            in.allow("codes");
            List<CodeRef> codes = in.codes("codes");
            in.check();
            int by = in.facility.ref();
            return new ReportSubmission.Prepared<>(
                    "codes", codeTexts(in), kind, in, null, codes, (some, mode) -> p.decide(by, some, mode), codes);
        });
    }

    /** Lampiran K: the addressee of a return approves (the codes become its own) or rejects it. */
    private void decideReturn(RoutingContext ctx) {
        submission.handle(ctx, c -> {
            ReportInput in = input(c);
            List<CodeRef> codes = in.codes("codes");
            in.check();
            boolean approve = in.body.getBoolean("approve");
            String reason = in.body.getString("reason");
            int by = in.facility.ref();
            return new ReportSubmission.Prepared<>(
                    "codes",
                    codeTexts(in),
                    approve ? ReportKind.RETURN_APPROVED : ReportKind.RETURN_REJECTED,
                    in,
                    reason == null
                            ? null
                            : new JsonObject().put("reason", reason).encode(),
                    codes,
                    (some, mode) -> l -> l.decideReturn(by, approve, some, mode),
                    codes);
        });
    }

    /** Lampiran L.a: the NIE holder recalls a batch, giving the reason and the recall letter's number and date. */
    private void recall(RoutingContext ctx) {
        recall(ctx, input(ctx), null);
    }

    /** The same recall as a form, with the recall letter itself (PDF, at most 2 MB), which the notified may read. */
    private void recallWithLetter(RoutingContext ctx) {
        FormUpload.read(letters.vertx(), ctx, 1, Set.of("application/pdf"))
                .onFailure(ctx::fail)
                .onSuccess(form -> {
                    try {
                        recallWithLetter(ctx, form);
                    } catch (RuntimeException e) {
                        ctx.fail(e); // thrown in a callback: the router would not see it
                    }
                });
    }

    private void recallWithLetter(RoutingContext ctx, FormUpload form) {
        ReportInput in = new ReportInput(ctx, form.fields(), ref, codec, clock);
        for (String field : List.of("nie", "batch", "reason", "letterNumber")) {
            if (form.fields().getString(field) == null
                    || form.fields().getString(field).isBlank()) {
                in.problem(field, "REQUIRED", field + " wajib diisi / is required");
            }
        }
        form.problems().forEach(p -> in.problem(p.field(), p.code(), p.message()));
        if (form.documents().isEmpty() && form.problems().isEmpty()) {
            in.problem(
                    "letter",
                    "REQUIRED",
                    "surat penarikan (PDF) wajib dilampirkan / the recall letter (PDF) is required");
        }
        recall(ctx, in, form.documents().isEmpty() ? null : form.documents().get(0));
    }

    private void recall(RoutingContext ctx, ReportInput in, Documents.Upload letter) {
        String nie = in.body.getString("nie");
        String batch = in.body.getString("batch");
        Product product = ref.productOf(nie, null);
        if (product == null) {
            in.problem("nie", "PRODUCT_UNKNOWN", "no registered product has NIE " + nie);
        }
        in.check();
        int by = in.facility.ref();
        JsonObject details = new JsonObject()
                .put("nie", nie)
                .put("batch", batch)
                .put("reason", in.body.getString("reason"))
                .put("letterNumber", in.body.getString("letterNumber"))
                .put("letterDate", in.body.getString("letterDate"));
        String keptThere = RemoteParts.letter(ctx);
        if (letter == null && keptThere != null) { // issue 21: the registry kept the letter of this recall
            letters.documents()
                    .owner(Long.parseLong(keptThere))
                    .onFailure(ctx::fail)
                    .onSuccess(owner -> {
                        if ((LETTER_OWNER + product.id() + ":" + batch).equals(owner)) {
                            details.put(
                                    "letter",
                                    new JsonObject()
                                            .put("id", Long.parseLong(keptThere))
                                            .put("fileName", in.body.getString("letterFileName"))
                                            .put("href", "/api/v1/recall-letters/" + keptThere));
                        }
                        submitRecall(ctx, writers.forProduct(product.id()), by, in, product, batch, details);
                    });
            return;
        }
        int shard = writers.shardOf(product.id());
        if (letter != null && !writers.writes(shard)) {
            // issue 21: another node writes the holder's shard: the letter is kept here, the notice decided there
            letters.documents()
                    .keep(LETTER_OWNER + product.id() + ":" + batch, letter)
                    .compose(id -> RemoteParts.recall(
                                    ctx, shard, in.body.copy().put("letterFileName", letter.fileName()), id)
                            .compose(receipt -> (receipt.outcome().applied() && !receipt.repeated()
                                            ? io.vertx.core.Future.<Void>succeededFuture()
                                            : letters.documents().delete(id))
                                    .map(receipt)))
                    .onFailure(ctx::fail)
                    .onSuccess(receipt -> ReportSubmission.answer(ctx, "batch", List.of(batch), receipt));
            return;
        }
        if (letter == null) {
            // Lampiran L.a: the holder's own shard
            submitRecall(ctx, writers.forProduct(product.id()), by, in, product, batch, details);
            return;
        }
        // the letter is kept first, so that the notice can name it; a refused recall takes it back
        letters.documents()
                .keep(LETTER_OWNER + product.id() + ":" + batch, letter)
                .onFailure(ctx::fail)
                .onSuccess(id -> {
                    details.put(
                            "letter",
                            new JsonObject()
                                    .put("id", id)
                                    .put("fileName", letter.fileName())
                                    .put("href", "/api/v1/recall-letters/" + id));
                    writers.forProduct(product.id())
                            .submit(new Report(
                                    ReportKind.RECALL_NOTICE,
                                    by,
                                    in.occurredAt,
                                    in.idempotencyKey,
                                    l -> l.recallNotice(by, product.id(), batch),
                                    details.encode()))
                            .onFailure(e -> letters.documents().delete(id).onComplete(v -> ctx.fail(e)))
                            .onSuccess(receipt -> {
                                boolean kept = receipt.outcome().applied()
                                        && !receipt.repeated(); // else the first recall's letter stands
                                (kept
                                                ? io.vertx.core.Future.<Void>succeededFuture()
                                                : letters.documents().delete(id))
                                        .onComplete(
                                                v -> ReportSubmission.answer(ctx, "batch", List.of(batch), receipt));
                            });
                });
    }

    private void submitRecall(
            RoutingContext ctx,
            io.lacak.core.journal.Sequencer writer,
            int by,
            ReportInput in,
            Product product,
            String batch,
            JsonObject details) {
        submission.submit(
                ctx,
                writer,
                "batch",
                List.of(batch),
                new Report(
                        ReportKind.RECALL_NOTICE,
                        by,
                        in.occurredAt,
                        in.idempotencyKey,
                        l -> l.recallNotice(by, product.id(), batch),
                        details.encode()));
    }

    /**
     * A recall letter: for the regulator, the NIE holder and the facilities in the batch's
     * distribution path (those the notice reached, Lampiran L.a.5); to anyone else it does not exist.
     */
    private void letter(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        long id = Replies.longPath(ctx, "id");
        Problem none = Problem.notFound("tidak ada surat penarikan " + id + " / no recall letter " + id);
        letters.documents()
                .owner(id)
                .compose(owner -> {
                    if (owner == null || !owner.startsWith(LETTER_OWNER)) {
                        return io.vertx.core.Future.<Boolean>failedFuture(none);
                    }
                    String[] parts = owner.substring(LETTER_OWNER.length()).split(":", 2);
                    Product p = ref.product(Integer.parseInt(parts[0]));
                    if (caller.regulator() || p != null && caller.memberOf(p.holder())) {
                        return io.vertx.core.Future.succeededFuture(true);
                    }
                    // issue 21: the custody of another node's shard, and its batches, are known there at once
                    var custody = p == null ? null : writers.custody(p.id());
                    ReferenceData.Batch b = p == null ? null : ref.findBatch(p.id(), parts[1]);
                    return b == null
                            ? io.vertx.core.Future.succeededFuture(false)
                            : custody.inPathOf(b.ref(), caller.facilities());
                })
                .compose(allowed -> allowed ? letters.documents().content(id) : io.vertx.core.Future.failedFuture(none))
                .onFailure(ctx::fail)
                .onSuccess(row -> ctx.response()
                        .putHeader("content-type", row.getString("media_type"))
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Disposition", "attachment; filename=\"surat-penarikan-" + id + ".pdf\"")
                        .end(io.vertx.core.buffer.Buffer.buffer(
                                row.getBuffer("content").getBytes())));
    }

    private static List<String> codeTexts(ReportInput in) {
        JsonArray list = in.body.getJsonArray("codes", new JsonArray());
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(String.valueOf(list.getValue(i)));
        }
        return out;
    }
}
