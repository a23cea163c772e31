package io.lacak.api.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Problems;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The public verification routes (no login; rate-limited per client):
 * {@code GET /api/v1/verify?code=...}, and {@code POST /api/v1/verify} with a JSON {@code {"code": ...}},
 * a raw PNG/JPEG photo, or a multipart form with {@code code} or a {@code photo} file. They sit on the
 * root router, before the contract's validation, because the public scans on this path.
 */
public final class VerifyRoutes {

    private static final JsonFactory JSON = new JsonFactory();

    private final Vertx vertx;
    private final Verifier verifier;
    private final RateLimiter limiter;
    private final String uploadsDir;

    public VerifyRoutes(Vertx vertx, Verifier verifier, RateLimiter limiter, String uploadsDir) {
        this.vertx = vertx;
        this.verifier = verifier;
        this.limiter = limiter;
        this.uploadsDir = uploadsDir;
    }

    public void mount(Router root) {
        root.route("/api/v1/verify").handler(limiter);
        root.get("/api/v1/verify").handler(this::verifyQuery);
        // a JSON body is small: read without the file-upload machinery of the photo route
        root.post("/api/v1/verify")
                .consumes("application/json")
                .handler(BodyHandler.create(false).setBodyLimit(4096))
                .handler(this::verifyJson);
        root.post("/api/v1/verify")
                .handler(FormUpload.bodyHandler(uploadsDir, 1))
                .handler(this::verifyPosted);
    }

    /** The header naming the standby that answered a verify from its own copy of the stores (issue 21). */
    public static final String ANSWERED_BY = "X-Lacak-Answered-By";

    /**
     * Issue 21: a standby's {@code GET /api/v1/verify}, answered from its own copy of the stores
     * (which follows the owner's journal, a moment behind) while {@code fresh} says the copy is
     * caught up and when it knows the code. The owner answers instead, by {@code owner}: any verify
     * while the copy is behind (so a recall never reads {@code GENUINE} for long); a code whose
     * product or issuance the copy does not know yet ({@code UNKNOWN}, {@code NIE_INVALID}), so
     * that its lag never makes a genuine pack look unknown; a {@code SOLD} code, whose scans the
     * owner's clone watch counts (one watch for the cluster); and a payload it refuses. Its own
     * answers carry {@link #ANSWERED_BY}.
     */
    public void mountOnStandby(Router root, Handler<RoutingContext> owner, BooleanSupplier fresh, String node) {
        root.get("/api/v1/verify").handler(limiter).handler(ctx -> {
            if (!fresh.getAsBoolean()) {
                owner.handle(ctx);
                return;
            }
            verifier.verify(ctx.request().getParam("code"), RateLimiter.client(ctx))
                    .onComplete(ar -> {
                        String verdict = ar.succeeded() ? ar.result().getString("verdict") : null;
                        if (verdict == null || FORWARDED_VERDICTS.contains(verdict)) {
                            owner.handle(ctx);
                        } else if (!ctx.response().ended()) {
                            ctx.response()
                                    .putHeader("content-type", "application/json")
                                    .putHeader(ANSWERED_BY, node)
                                    .end(Verifier.encode(ar.result()));
                        }
                    });
        });
    }

    /** What a standby's copy leaves to the owner (see {@link #mountOnStandby}). */
    private static final java.util.Set<String> FORWARDED_VERDICTS =
            java.util.Set.of(Verdict.UNKNOWN.name(), Verdict.NIE_INVALID.name(), Verdict.SOLD.name());

    private void verifyQuery(RoutingContext ctx) {
        reply(ctx, verifier.verify(ctx.request().getParam("code"), RateLimiter.client(ctx)));
    }

    private void verifyJson(RoutingContext ctx) {
        reply(ctx, verifier.verify(codeOf(ctx.body().buffer()), RateLimiter.client(ctx)));
    }

    private void verifyPosted(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("content-type")).toLowerCase();
        if (type.startsWith("image/")) {
            reply(
                    ctx,
                    decode(ctx.body().buffer()).compose(payload -> verifier.verify(payload, RateLimiter.client(ctx))));
        } else if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
            FileUpload photo = ctx.fileUploads().stream()
                    .filter(f -> f.name().equals("photo"))
                    .findFirst()
                    .orElse(null);
            Future<String> payload = photo == null
                    ? Future.succeededFuture(ctx.request().getFormAttribute("code"))
                    : vertx.fileSystem().readFile(photo.uploadedFileName()).compose(this::decode);
            reply(ctx, payload.compose(p -> verifier.verify(p, RateLimiter.client(ctx))));
        } else {
            throw new Problem(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "send application/json, image/png, image/jpeg or multipart/form-data",
                    List.of(new Problem.Item("content-type", "UNSUPPORTED_MEDIA_TYPE", "not accepted here: " + type)));
        }
    }

    /**
     * The {@code code} member of a JSON object body, read with a streaming parser (no map is built:
     * this is the public hot path); other members are ignored.
     */
    static String codeOf(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try (JsonParser p = JSON.createParser(body.getBytes())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            String code = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("code")) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        throw Problem.badRequest("code", "TYPE", "code must be a string");
                    }
                    code = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw malformed();
            }
            return code;
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static Problem malformed() {
        return Problem.badRequest("body", "MALFORMED_JSON", "the body is not a JSON object");
    }

    /** ZXing on a worker: image decoding blocks. */
    private Future<String> decode(Buffer image) {
        Photo photo = Photo.check(image == null ? Buffer.buffer() : image, "photo");
        return vertx.executeBlocking(photo::decodeSymbol, false);
    }

    private static void reply(RoutingContext ctx, Future<JsonObject> answer) {
        answer.onSuccess(a -> {
                    if (!ctx.response().ended()) {
                        ctx.response()
                                .putHeader("content-type", "application/json")
                                .end(Verifier.encode(a));
                    }
                })
                .onFailure(e -> {
                    if (e instanceof Verifier.VerifyProblem vp) {
                        ctx.put(Problems.EXTRA, vp.extra());
                        ctx.fail(vp.problem());
                    } else {
                        ctx.fail(e);
                    }
                });
    }
}
