package io.lacak.api.issuance;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.serial.CodeListing;
import io.lacak.core.serial.CodeRequest;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.IssuanceService;
import io.lacak.core.serial.PackagingLevel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Code requests over HTTP (Pasal 8, Lampiran F): create (one record whatever the count), list, get,
 * the codes of one level streamed in order as text, CSV or JSON lines, with back-pressure, and the
 * request's codes counted per level and status (Lampiran G.b.6, the console's barcode management).
 */
public final class CodeRequestRoutes {

    /** Codes written per chunk of the stream. */
    private static final int CHUNK = 8192;

    private final IssuanceService issuance;
    private final ReferenceData ref;
    /** Issue 21: the codes' states are their shard's (by the product's holder). */
    private final ShardWriters writers;

    public CodeRequestRoutes(IssuanceService issuance, ReferenceData ref, ShardWriters writers) {
        this.issuance = issuance;
        this.ref = ref;
        this.writers = writers;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("createCodeRequest").addHandler(this::create);
        b.getRoute("listCodeRequests").addHandler(this::list);
        b.getRoute("getCodeRequest").addHandler(this::get);
        b.getRoute("listCodes").addHandler(this::codes);
        b.getRoute("getCodeRequestStatus").addHandler(this::status);
    }

    /**
     * Lampiran G.b.6 ("menu manajemen barcode"): each level's codes counted by their effective status
     * ({@code NOT_REPORTED} for a code never reported), reading each code of the request once, on a
     * worker (a request of millions of codes takes seconds).
     */
    private void status(RoutingContext ctx) {
        Replies.json(ctx, 200, find(ctx).compose(i -> ctx.vertx().executeBlocking(() -> tally(i))));
    }

    private JsonObject tally(Issuance i) {
        JsonArray levels = new JsonArray();
        Ledger ledger = writers.ledger(i.productId());
        for (PackagingLevel level : PackagingLevel.values()) {
            CodeListing listing = issuance.listing(i, level, CodeListing.Format.SERIAL);
            java.util.Map<String, Object> counts = new java.util.TreeMap<>();
            for (long n = 0; n < listing.size(); n++) {
                Ledger.Effective e =
                        ledger.effective(new CodeRef(i.productId(), listing.serial(n), i.batch(), i.expiry()));
                counts.merge(e == null ? "NOT_REPORTED" : e.top().status().name(), 1L, (a, b) -> (Long) a + (Long) b);
            }
            levels.add(new JsonObject()
                    .put("level", level.name())
                    .put("codes", listing.size())
                    .put("byStatus", new JsonObject(counts)));
        }
        ReferenceData.Batch b = ref.findBatch(i.productId(), i.batch());
        return json(i).put("recalled", b != null && ref.recalled(b.ref())).put("levels", levels);
    }

    /** A required count, exactly as sent (never wrapped); its range is the issuance's rule. */
    private static long required(JsonObject body, String field, long max) {
        Long n = Replies.wholeNumber(body, field, 0, max);
        if (n == null) {
            throw Problem.badRequest(field, "REQUIRED", field + " wajib diisi / is required");
        }
        return n;
    }

    private void create(RoutingContext ctx) {
        JsonObject body = Replies.body(ctx);
        Facility requester = Authentication.caller(ctx).actingFacility(body.getString("partnerId"), ref);
        CodeRequest r = new CodeRequest()
                .setRequester(requester.partnerId())
                .setNie(body.getString("nie"))
                .setGtin(body.getString("gtin"))
                .setBatch(body.getString("batch"))
                .setExpiry(date(body.getString("expiry"), "expiry"))
                .setProductionStart(
                        body.getString("productionStart") == null
                                ? null
                                : date(body.getString("productionStart"), "productionStart"))
                .setPrimaries(required(body, "primaries", Long.MAX_VALUE))
                .setPerSecondary((int) required(body, "perSecondary", Integer.MAX_VALUE))
                .setPerTertiary((int) required(body, "perTertiary", Integer.MAX_VALUE))
                .setIdempotencyKey(body.getString("idempotencyKey"));
        // issue 21: issued by the writer of the holder's shard, under its lease (another node's: sent there)
        IssuanceService own = writers.forHolder(requester.partnerId()).issuance();
        Replies.json(ctx, 201, own.request(r).map(CodeRequestRoutes::json));
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw Problem.badRequest(field, "BAD_DATE", field + " must be a date yyyy-mm-dd");
        }
    }

    private void list(RoutingContext ctx) {
        Facility requester =
                Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        long before = Replies.longParam(ctx, "before", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                issuance.list(requester.partnerId(), before, Replies.intParam(ctx, "limit", 100, 1, 1000))
                        .map(list -> {
                            JsonArray out = new JsonArray();
                            list.forEach(i -> out.add(json(i)));
                            return out;
                        }));
    }

    private void get(RoutingContext ctx) {
        Replies.json(ctx, 200, find(ctx).map(CodeRequestRoutes::json));
    }

    private Future<Issuance> find(RoutingContext ctx) {
        Facility requester =
                Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        long id = Replies.longPath(ctx, "id");
        return issuance.get(id, requester.partnerId())
                .recover(e -> Future.failedFuture(
                        e instanceof io.lacak.core.serial.IssuanceRefused
                                ? Problem.notFound("no code request " + id + " of " + requester.partnerId())
                                : e));
    }

    /** The codes of one level, streamed: nothing is stored per code, each is computed as it is written. */
    private void codes(RoutingContext ctx) {
        PackagingLevel level =
                PackagingLevel.valueOf(Replies.param(ctx, "level", "PRIMARY").toUpperCase());
        CodeListing.Format format = CodeListing.Format.valueOf(
                Replies.param(ctx, "format", "BRACKETED").toUpperCase());
        String as = Replies.param(ctx, "as", "text");
        find(ctx).onFailure(ctx::fail).onSuccess(i -> {
            if (format == CodeListing.Format.DIGITAL_LINK && i.gtin() == null) {
                ctx.fail(Problem.badRequest(
                        "format", "NO_GTIN", "Digital Link needs a GTIN; this request has none (Pasal 8(3))"));
                return;
            }
            CodeListing listing = issuance.listing(i, level, format);
            HttpServerResponse res = ctx.response()
                    .setChunked(true)
                    .putHeader(
                            "content-type",
                            switch (as) {
                                case "csv" -> "text/csv; charset=utf-8";
                                case "jsonl" -> "application/jsonl";
                                default -> "text/plain; charset=utf-8";
                            })
                    .putHeader("X-Total-Count", String.valueOf(listing.size()));
            if (as.equals("csv")) {
                res.write("code\n");
            }
            stream(res, listing, 0, as.equals("jsonl"));
        });
    }

    private void stream(HttpServerResponse res, CodeListing listing, long from, boolean jsonLines) {
        while (from < listing.size()) {
            StringBuilder sb = new StringBuilder(CHUNK * 48);
            int n = listing.write(from, CHUNK, sb);
            from += n;
            res.write(Buffer.buffer(jsonLines ? asJsonLines(sb) : sb.toString()));
            if (res.writeQueueFull()) {
                long next = from;
                Promise<Void> drained = Promise.promise();
                res.drainHandler(drained::complete);
                drained.future().onSuccess(v -> stream(res, listing, next, jsonLines));
                return;
            }
        }
        res.end();
    }

    /** Codes hold no quote or backslash (GS1 character sets), so each line only needs wrapping. */
    private static String asJsonLines(StringBuilder lines) {
        StringBuilder out = new StringBuilder(lines.length() + lines.length() / 4);
        int start = 0;
        for (int i = 0; i < lines.length(); i++) {
            if (lines.charAt(i) == '\n') {
                out.append("{\"code\":\"");
                for (int j = start; j < i; j++) {
                    char c = lines.charAt(j);
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c)); // the GS separator of element strings
                    } else {
                        out.append(c);
                    }
                }
                out.append("\"}\n");
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** An issuance as its requester and the regulator see it; {@code late} is Pasal 9's flag. */
    public static JsonObject json(Issuance i) {
        return new JsonObject()
                .put("id", i.id())
                .put("nie", i.nie())
                .put("gtin", i.gtin())
                .put("batch", i.batch())
                .put("expiry", i.expiry().toString())
                .put("primaries", i.primaries())
                .put("secondaries", i.secondaries())
                .put("tertiaries", i.tertiaries())
                .put("perSecondary", i.perSecondary())
                .put("perTertiary", i.perTertiary())
                .put("requestedBy", i.requestedBy())
                .put("createdAt", i.createdAt().toString())
                .put(
                        "productionStart",
                        i.productionStart() == null ? null : i.productionStart().toString())
                .put("noticeWorkingDays", i.noticeWorkingDays())
                .put("late", i.late());
    }
}
