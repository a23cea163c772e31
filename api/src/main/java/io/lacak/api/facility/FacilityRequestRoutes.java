package io.lacak.api.facility;

import io.lacak.api.account.AccountJson;
import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.account.Activations;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.Caller;
import io.lacak.registration.document.Documents;
import io.lacak.registration.facility.FacilityRequests;
import io.lacak.registration.notice.Outbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Onboarding over HTTP (Lampiran B, seed 004): {@code POST /api/v1/facility-requests} (public,
 * multipart: the fields and up to five documents, each file field named after what it is, e.g.
 * {@code SIUP}, {@code NIB}), the regulator's list, view and decision, the documents, account
 * activation, and each account's notification feed.
 */
public final class FacilityRequestRoutes {

    /** Most documents one request carries. */
    static final int MAX_DOCUMENTS = 5;

    private final Vertx vertx;
    private final FacilityRequests requests;
    private final Documents documents;
    private final Activations activations;
    private final Outbox outbox;
    private final Authentication authenticator;
    private final String uploadsDir;

    public FacilityRequestRoutes(
            Vertx vertx,
            FacilityRequests requests,
            Documents documents,
            Activations activations,
            Outbox outbox,
            Authenticator authenticator,
            String uploadsDir) {
        this.vertx = vertx;
        this.requests = requests;
        this.documents = documents;
        this.activations = activations;
        this.outbox = outbox;
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

    /** The multipart submission and the documents, on the root router (files do not go through the contract). */
    private void onRoot(Router root) {
        root.post("/api/v1/facility-requests")
                .handler(FormUpload.bodyHandler(uploadsDir, MAX_DOCUMENTS))
                .handler(this::submit);
        root.get("/api/v1/documents/:id").handler(authenticator).handler(this::document);
    }

    private void throughContract(RouterBuilder b) {
        b.getRoute("listFacilityRequests").addHandler(this::list);
        b.getRoute("getFacilityRequest").addHandler(this::get);
        b.getRoute("decideFacilityRequest").addHandler(this::decide);
        b.getRoute("activateAccount")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        activations
                                .activate(AccountJson.activate(Replies.body(ctx)))
                                .map(AccountJson::activated)));
        b.getRoute("listMyNotifications").addHandler(this::feed);
        b.getRoute("markMyNotificationRead").addHandler(this::markRead);
    }

    private void submit(RoutingContext ctx) {
        Replies.json(
                ctx,
                201,
                FormUpload.read(vertx, ctx, MAX_DOCUMENTS)
                        .compose(form -> requests.submit(
                                FacilityJson.submit(
                                        form.fields(),
                                        ctx.request().formAttributes().getAll("commodities")),
                                form.documents(),
                                form.problems()))
                        .map(FacilityJson::filed));
    }

    private void list(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        String status = ctx.request().getParam("status");
        long before = Replies.longParam(ctx, "beforeId", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                requests.list(
                                caller,
                                status == null ? null : FacilityRequests.Status.valueOf(status),
                                before,
                                Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(list -> new JsonObject().put("requests", WorkflowJson.each(list, FacilityJson::request))));
    }

    private void get(RoutingContext ctx) {
        Replies.json(
                ctx,
                200,
                requests.get(Replies.longPath(ctx, "id"), Authentication.caller(ctx))
                        .map(FacilityJson::filed));
    }

    private void decide(RoutingContext ctx) {
        Replies.json(
                ctx,
                200,
                requests.decide(
                                Replies.longPath(ctx, "id"),
                                FacilityJson.decide(Replies.body(ctx)),
                                Authentication.caller(ctx))
                        .map(FacilityJson::filed));
    }

    private void document(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        long id;
        try {
            id = Replies.longPath(ctx, "id");
        } catch (NumberFormatException e) {
            throw Problem.notFound("no document " + ctx.pathParam("id"));
        }
        documents.content(id).onFailure(ctx::fail).onSuccess(row -> ctx.response()
                .putHeader("content-type", row.getString("media_type"))
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(Buffer.buffer(row.getBuffer("content").getBytes())));
    }

    private void feed(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        boolean unread = "true".equalsIgnoreCase(ctx.request().getParam("unread"));
        Replies.json(
                ctx,
                200,
                outbox.feed(caller.accountId(), unread, Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(FacilityJson::feed));
    }

    private void markRead(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        outbox.markRead(caller.accountId(), Replies.longPath(ctx, "id"))
                .onFailure(ctx::fail)
                .onSuccess(v -> ctx.response().setStatusCode(204).end());
    }
}
