package io.lacak.api.company;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.registration.account.Caller;
import io.lacak.registration.company.Companies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * Company registration over HTTP (seed 002): {@code POST /api/v1/companies} and {@code POST
 * /api/v1/companies/{id}/revision?key=...} take multipart forms (the industry data, {@code
 * commodities} repeated, and the documents as file fields {@code APPLICATION_LETTER}, {@code
 * STATEMENT_LETTER}, {@code SIUP}, {@code NPWP}, {@code TDP}); the regulator lists, reads and
 * validates through the contract.
 */
public final class CompanyRoutes {

    private static final int MAX_DOCUMENTS = 8;

    private final Vertx vertx;
    private final Companies companies;
    private final String uploadsDir;

    public CompanyRoutes(Vertx vertx, Companies companies, String uploadsDir) {
        this.vertx = vertx;
        this.companies = companies;
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

    private void onRoot(Router root) {
        root.post("/api/v1/companies")
                .handler(FormUpload.bodyHandler(uploadsDir, MAX_DOCUMENTS))
                .handler(this::submit);
        root.post("/api/v1/companies/:id/revision")
                .handler(FormUpload.bodyHandler(uploadsDir, MAX_DOCUMENTS))
                .handler(this::revise);
    }

    private void throughContract(RouterBuilder b) {
        b.getRoute("listCompanies").addHandler(this::list);
        b.getRoute("getCompany").addHandler(ctx -> {
            Authentication.caller(ctx).requireRegulator();
            Replies.json(ctx, 200, companies.get(Replies.longPath(ctx, "id")).map(CompanyJson::filed));
        });
        b.getRoute("decideCompany")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        companies
                                .decide(
                                        Replies.longPath(ctx, "id"),
                                        CompanyJson.decide(Replies.body(ctx)),
                                        Authentication.caller(ctx))
                                .map(CompanyJson::filed)));
    }

    private void submit(RoutingContext ctx) {
        List<String> commodities = ctx.request().formAttributes().getAll("commodities");
        Replies.json(
                ctx,
                201,
                FormUpload.read(vertx, ctx, MAX_DOCUMENTS)
                        .compose(form -> companies.submit(
                                CompanyJson.submit(form.fields(), commodities), form.documents(), form.problems()))
                        .map(CompanyJson::filed));
    }

    private void revise(RoutingContext ctx) {
        long id;
        try {
            id = Replies.longPath(ctx, "id");
        } catch (NumberFormatException e) {
            throw Problem.notFound("no company registration " + ctx.pathParam("id"));
        }
        String key = ctx.request().getParam("key");
        List<String> commodities = ctx.request().formAttributes().getAll("commodities");
        Replies.json(
                ctx,
                200,
                FormUpload.read(vertx, ctx, MAX_DOCUMENTS)
                        .compose(form -> companies.revise(
                                id,
                                key,
                                CompanyJson.submit(form.fields(), commodities),
                                form.documents(),
                                form.problems()))
                        .map(CompanyJson::filed));
    }

    private void list(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx).requireRegulator();
        String status = ctx.request().getParam("status");
        long before = Replies.longParam(ctx, "beforeId", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                companies
                        .list(
                                caller,
                                status == null ? null : Companies.Status.valueOf(status),
                                before,
                                Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(list -> new JsonObject().put("companies", CompanyJson.list(list))));
    }
}
