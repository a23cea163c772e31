package io.lacak.api.complaint;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.verify.Photo;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.workflow.QueueFilter;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Set;

/**
 * Complaints over HTTP (Lampiran M.b). Public, on the root router and rate-limited per client:
 * {@code POST /api/v1/complaints} (multipart form with an optional {@code photo} file, a URL-encoded
 * form, or JSON) answering 201 with the tracking number, and {@code GET /api/v1/complaints/{trackingNumber}}.
 * The regulator's, through the contract: list with filters, answer; and the photo.
 */
public final class ComplaintRoutes {

    private final Vertx vertx;
    private final Complaints complaints;
    private final RateLimiter limiter;
    private final Authentication authenticator;
    private final String uploadsDir;

    public ComplaintRoutes(
            Vertx vertx, Complaints complaints, RateLimiter limiter, Authenticator authenticator, String uploadsDir) {
        this.vertx = vertx;
        this.complaints = complaints;
        this.limiter = limiter;
        this.authenticator = new Authentication(authenticator);
        this.uploadsDir = uploadsDir;
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

    /** The public routes and the photo, on the root router. */
    private void onRoot(Router root) {
        root.post("/api/v1/complaints").handler(limiter); // its own route: a body handler must come first in one
        root.post("/api/v1/complaints")
                .handler(FormUpload.bodyHandler(uploadsDir, 1))
                .handler(this::file);
        root.get("/api/v1/complaints/:trackingNumber").handler(limiter).handler(this::status);
        root.get("/api/v1/complaints/:trackingNumber/photo")
                .handler(authenticator)
                .handler(this::photo);
    }

    /** The regulator's JSON routes, through the contract. */
    private void throughContract(RouterBuilder b) {
        b.getRoute("listComplaints").addHandler(this::list);
        b.getRoute("answerComplaint").addHandler(this::answer);
    }

    private void file(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("content-type")).toLowerCase();
        JsonObject fields;
        if (type.startsWith("application/json")) {
            try {
                fields = ctx.body().asJsonObject();
                Replies.refuseNul(fields, "");
            } catch (DecodeException | ClassCastException e) {
                throw Problem.badRequest("body", "MALFORMED_JSON", "the body is not a JSON object");
            }
        } else if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
            fields = new JsonObject();
            Replies.refuseNul(ctx.request().formAttributes());
            ctx.request().formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
        } else {
            throw new Problem(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "send multipart/form-data, a URL-encoded form or JSON",
                    List.of(new Problem.Item("content-type", "UNSUPPORTED_MEDIA_TYPE", "not accepted here: " + type)));
        }
        FileUpload upload = ctx.fileUploads().stream()
                .filter(f -> f.name().equals("photo") && f.size() > 0)
                .findFirst()
                .orElse(null);
        Future<Photo> photo = upload == null
                ? Future.succeededFuture()
                : vertx.fileSystem().readFile(upload.uploadedFileName()).map(b -> Photo.check(b, "photo"));
        Replies.json(ctx, 201, photo.compose(p -> complaints.file(fields, p)).map(ComplaintRoutes::publicView));
    }

    private void status(RoutingContext ctx) {
        Replies.json(ctx, 200, complaints.get(ctx.pathParam("trackingNumber")).map(ComplaintRoutes::publicView));
    }

    private void photo(RoutingContext ctx) {
        complaints
                .photo(
                        ctx.pathParam("trackingNumber"),
                        Authentication.caller(ctx).requireRegulator())
                .onFailure(ctx::fail)
                .onSuccess(row -> ctx.response()
                        .putHeader("content-type", row.getString("photo_type"))
                        .end(Buffer.buffer(row.getBuffer("photo").getBytes())));
    }

    private void list(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx).requireRegulator();
        Set<Complaints.Status> statuses = QueueFilter.statuses(ctx, Complaints.Status.class, Complaints::waitingFor);
        long before = Replies.longParam(ctx, "beforeId", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                complaints
                        .list(
                                caller,
                                statuses,
                                ctx.request().getParam("nie"),
                                before,
                                Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(list -> new JsonObject().put("complaints", list)));
    }

    private void answer(RoutingContext ctx) {
        Replies.json(
                ctx,
                200,
                complaints.answer(ctx.pathParam("trackingNumber"), Replies.body(ctx), Authentication.caller(ctx)));
    }

    /** What the complainant sees by tracking number: the complaint and its answer, not the internal id. */
    private static JsonObject publicView(JsonObject c) {
        c.remove("id");
        return c;
    }
}
