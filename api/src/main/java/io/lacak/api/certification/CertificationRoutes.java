package io.lacak.api.certification;

import io.lacak.api.company.CompanyJson;
import io.lacak.api.http.Authentication;
import io.lacak.api.http.FormUpload;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.workflow.QueueFilter;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.certification.Certifications;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.document.Documents;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Set;

/**
 * Certification over HTTP (seed 002). Multipart, on the root router, the caller known before the
 * body is read: {@code POST /api/v1/certifications} (type, letterNumber, letterDate,
 * ripApprovalNumber, dosageForms repeated, files ADMINISTRATIVE / TECHNICAL / OPTIONAL),
 * {@code .../{id}/revision}, {@code .../{id}/capa} (file CAPA), and the certificate download
 * {@code GET .../{id}/certificate}. The company profile, the lists and Badan POM's steps go
 * through the contract.
 */
public final class CertificationRoutes {

    private static final int MAX_DOCUMENTS = 20;

    private final Vertx vertx;
    private final Certifications certifications;
    private final CompanyProfile profile;
    private final Authentication authenticator;
    private final String uploadsDir;

    public CertificationRoutes(
            Vertx vertx,
            Certifications certifications,
            CompanyProfile profile,
            Authenticator authenticator,
            String uploadsDir) {
        this.vertx = vertx;
        this.certifications = certifications;
        this.profile = profile;
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

    private void onRoot(Router root) {
        FormUpload.authenticatedPost(root, "/api/v1/certifications", authenticator, uploadsDir, MAX_DOCUMENTS)
                .handler(ctx -> Replies.json(
                        ctx,
                        201,
                        FormUpload.read(vertx, ctx, MAX_DOCUMENTS, Documents.PDF_AND_EXCEL)
                                .compose(form -> certifications.submit(
                                        Authentication.caller(ctx),
                                        CertificationJson.apply(form.fields(), forms(ctx)),
                                        form.documents(),
                                        form.problems()))
                                .map(CertificationJson::details)));
        FormUpload.authenticatedPost(
                        root, "/api/v1/certifications/:id/revision", authenticator, uploadsDir, MAX_DOCUMENTS)
                .handler(ctx -> Replies.json(
                        ctx,
                        200,
                        FormUpload.read(vertx, ctx, MAX_DOCUMENTS, Documents.PDF_AND_EXCEL)
                                .compose(form -> certifications.revise(
                                        id(ctx),
                                        Authentication.caller(ctx),
                                        CertificationJson.apply(form.fields(), forms(ctx)),
                                        form.documents(),
                                        form.problems()))
                                .map(CertificationJson::details)));
        FormUpload.authenticatedPost(root, "/api/v1/certifications/:id/capa", authenticator, uploadsDir, 5)
                .handler(ctx -> Replies.json(
                        ctx,
                        200,
                        FormUpload.read(vertx, ctx, 5, Documents.PDF_AND_EXCEL)
                                .compose(form -> certifications.capa(
                                        id(ctx), Authentication.caller(ctx), form.documents(), form.problems()))
                                .map(CertificationJson::details)));
        root.get("/api/v1/certifications/:id/certificate")
                .handler(authenticator)
                .handler(this::certificate);
    }

    private void throughContract(RouterBuilder b) {
        b.getRoute("getMyCompany")
                .addHandler(ctx -> Replies.json(
                        ctx, 200, profile.get(Authentication.caller(ctx)).map(CompanyJson::profile)));
        b.getRoute("addPlant")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        201,
                        profile.addPlant(Authentication.caller(ctx), CompanyJson.addPlant(Replies.body(ctx)))
                                .map(CompanyJson::profile)));
        b.getRoute("addDosageForm")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        201,
                        profile.addDosageForm(
                                        Authentication.caller(ctx),
                                        (int) id(ctx),
                                        CompanyJson.addDosageForm(Replies.body(ctx)))
                                .map(CompanyJson::profile)));
        b.getRoute("setProductionLicence")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        profile.setProductionLicence(
                                        Authentication.caller(ctx),
                                        (int) id(ctx),
                                        CompanyJson.productionLicence(Replies.body(ctx)))
                                .map(CompanyJson::profile)));
        b.getRoute("listCertifications").addHandler(this::list);
        b.getRoute("getCertification")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        certifications.get(id(ctx), Authentication.caller(ctx)).map(CertificationJson::details)));
        b.getRoute("decideCertification")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        certifications
                                .decide(
                                        id(ctx),
                                        CertificationJson.decide(Replies.body(ctx)),
                                        Authentication.caller(ctx))
                                .map(CertificationJson::details)));
    }

    private void list(RoutingContext ctx) {
        Set<Certifications.Status> statuses =
                QueueFilter.statuses(ctx, Certifications.Status.class, Certifications::waitingFor);
        long before = Replies.longParam(ctx, "beforeId", Long.MAX_VALUE);
        Replies.json(
                ctx,
                200,
                certifications
                        .list(Authentication.caller(ctx), statuses, before, Replies.intParam(ctx, "limit", 50, 1, 500))
                        .map(list -> new JsonObject().put("certifications", CertificationJson.list(list))));
    }

    private void certificate(RoutingContext ctx) {
        certifications
                .certificate(id(ctx), Authentication.caller(ctx))
                .onFailure(ctx::fail)
                .onSuccess(pdf -> ctx.response()
                        .putHeader("content-type", "application/pdf")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader(
                                "content-disposition",
                                "attachment; filename=\"certificate-" + ctx.pathParam("id") + ".pdf\"")
                        .end(Buffer.buffer(pdf)));
    }

    private static List<String> forms(RoutingContext ctx) {
        return ctx.request().formAttributes().getAll("dosageForms");
    }

    private static long id(RoutingContext ctx) {
        try {
            return Replies.longPath(ctx, "id");
        } catch (NumberFormatException e) {
            throw Problem.notFound("no such resource: " + ctx.request().path());
        }
    }
}
