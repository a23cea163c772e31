package io.lacak.api.asrot;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.workflow.QueueFilter;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.asrot.ApplicationStatus;
import io.lacak.registration.asrot.ProductApplications;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Set;

/**
 * Product registration over HTTP (seed 000): drafts, steps and reading through the contract; the
 * supporting documents as a multipart upload ({@code POST /api/v1/product-applications/{id}/documents},
 * each file field naming the document's kind).
 */
public final class ProductApplicationRoutes {

    private static final int MAX_DOCUMENTS = 10;

    private final Vertx vertx;
    private final ProductApplications applications;
    private final Authentication authenticator;
    private final String uploadsDir;

    public ProductApplicationRoutes(
            Vertx vertx, ProductApplications applications, Authenticator authenticator, String uploadsDir) {
        this.vertx = vertx;
        this.applications = applications;
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

    /** The document upload, on the root router: the caller is known before the body is read. */
    private void onRoot(Router root) {
        FormUpload.authenticatedPost(
                        root, "/api/v1/product-applications/:id/documents", authenticator, uploadsDir, MAX_DOCUMENTS)
                .handler(ctx -> Replies.json(
                        ctx,
                        200,
                        FormUpload.read(vertx, ctx, MAX_DOCUMENTS)
                                .compose(form -> applications.addDocuments(
                                        id(ctx), Authentication.caller(ctx), form.documents(), form.problems()))
                                .map(ProductApplicationJson::details)));
    }

    private void throughContract(RouterBuilder b) {
        b.getRoute("createProductApplication")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        201,
                        applications
                                .create(ProductApplicationJson.draft(Replies.body(ctx)), Authentication.caller(ctx))
                                .map(ProductApplicationJson::details)));
        b.getRoute("listProductApplications").addHandler(this::list);
        b.getRoute("getProductApplication")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        applications.get(id(ctx), Authentication.caller(ctx)).map(ProductApplicationJson::details)));
        b.getRoute("actOnProductApplication")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        applications
                                .act(id(ctx), ProductApplicationJson.act(Replies.body(ctx)), Authentication.caller(ctx))
                                .map(ProductApplicationJson::details)));
    }

    private void list(RoutingContext ctx) {
        Set<ApplicationStatus> statuses =
                QueueFilter.statuses(ctx, ApplicationStatus.class, ProductApplications::waitingFor);
        long before = Replies.longParam(ctx, "beforeId", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                applications
                        .list(Authentication.caller(ctx), statuses, before, Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(list -> new JsonObject().put("applications", ProductApplicationJson.list(list))));
    }

    private static long id(RoutingContext ctx) {
        try {
            return Replies.longPath(ctx, "id");
        } catch (NumberFormatException e) {
            throw Problem.notFound("no product application " + ctx.pathParam("id"));
        }
    }
}
