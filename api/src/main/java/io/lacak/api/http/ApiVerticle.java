package io.lacak.api.http;

import io.lacak.api.LacakConfig;
import io.lacak.api.Services;
import io.lacak.api.account.AccountRoutes;
import io.lacak.api.asrot.ProductApplicationRoutes;
import io.lacak.api.barcode.BarcodeRoutes;
import io.lacak.api.certification.CertificationRoutes;
import io.lacak.api.company.CompanyRoutes;
import io.lacak.api.complaint.ComplaintRoutes;
import io.lacak.api.facility.FacilityRequestRoutes;
import io.lacak.api.facility.FacilityRoutes;
import io.lacak.api.issuance.CodeRequestRoutes;
import io.lacak.api.news.NewsRoutes;
import io.lacak.api.payment.PaymentRoutes;
import io.lacak.api.product.ProductRoutes;
import io.lacak.api.query.QueryRoutes;
import io.lacak.api.regulator.RegulatorRoutes;
import io.lacak.api.report.ReportRoutes;
import io.lacak.api.verify.VerifyRoutes;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.LateReports;
import io.lacak.core.journal.NotificationCodes;
import io.lacak.core.journal.RecallEffectiveness;
import io.lacak.core.news.News;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The HTTP server. The OpenAPI contract ({@code openapi.yaml}, served at {@code /openapi.yaml})
 * drives routing and request validation of the JSON operations; {@code /health}, {@code /metrics} (for the
 * holder of the metrics token) and the contract itself sit beside it. Every failure is rendered by
 * {@link Problems}.
 *
 * <p>One router tree: the root router, with the contract's router mounted under it, after the root's
 * own routes. Each route group is mounted once ({@code mount(root, contract)}, or {@code mount(root)}
 * / {@code mount(contract)} for a group with routes of one kind only), and each of its routes sits in
 * exactly one of the two places:
 *
 * <ul>
 *   <li><b>Through the contract</b>: every JSON operation of {@code openapi.yaml}. The contract's
 *       router validates it against the schema, reads its body (up to {@code LACAK_BODY_LIMIT}) and
 *       only then finds the caller.
 *   <li><b>On the root router</b>: what the contract cannot carry. Multipart forms with files
 *       (company, facility request, product application documents, certification, complaint, the
 *       verify photo), read to disk under their own limits, the caller known (or refused) before a
 *       byte of the body is read; the streamed CSV uploads; binary downloads (documents,
 *       certificates, complaint photos, templates); the public verify routes; the page, health,
 *       metrics and the contract itself.
 * </ul>
 *
 * <p>Per-address rate limits of contract operations (logins, activations, public forms) are guards
 * on the root router, in front of the operation: they refuse before the body is read.
 *
 * <p>{@code vertx.deployVerticle(new ApiVerticle(config, services, metricsToken))}
 */
public final class ApiVerticle extends VerticleBase {

    /** The contract, a classpath resource. */
    public static final String CONTRACT = "openapi.yaml";

    private final LacakConfig config;
    private final Services s;
    private final String metricsToken;
    private final ShardNode shard;
    private final Front front;
    private HttpServer server;
    private Deadlines deadlines;

    /** {@code metricsToken}: what {@code GET /metrics} requires after {@code Bearer} ({@link MetricsToken}). */
    public ApiVerticle(LacakConfig config, Services services, String metricsToken) {
        this(config, services, metricsToken, null, null);
    }

    /**
     * A cluster node's server: while {@code shard} says this node does not own the shard, {@code /api/}
     * is forwarded to the owner ({@link Forwarder}). {@code front}: the node's server, bound while it
     * was a standby; this verticle's router replaces the standby's on it (the same port, no gap).
     */
    public ApiVerticle(LacakConfig config, Services services, String metricsToken, ShardNode shard, Front front) {
        this.config = config;
        this.s = services;
        this.metricsToken = metricsToken;
        this.shard = shard;
        this.front = front;
    }

    @Override
    public Future<?> start() {
        // a cluster node's router is served by its Front: built on the Front's event loop, where its
        // handlers and the deadlines' timer then run on one thread, as on the only node's own server
        return front != null ? front.onLoop(this::build) : build();
    }

    private Future<Void> build() {
        return vertx.fileSystem().readFile(CONTRACT).compose(yaml -> OpenAPIContract.from(vertx, CONTRACT)
                .compose(contract -> {
                    Router root = Router.router(vertx);
                    deadlines =
                            new Deadlines(vertx, config.headerTimeout(), config.bodyTimeout(), config.uploadTimeout());
                    root.route()
                            .handler(RouteTimers.create(deadlines)); // first: the clock of the request's timer starts
                    root.route().handler(deadlines); // the head has arrived, the body clock starts
                    root.route().handler(ApiVerticle::refuseBadUri);
                    if (shard != null) { // issue 21: a node that lost the shard sends /api/ on to its new owner
                        root.route("/api/*").handler(shard.forwarder());
                    }
                    // the public hot path first: its requests match here instead of after every other route
                    new VerifyRoutes(
                                    vertx,
                                    s.verifier(),
                                    s.guards().publicLimit(),
                                    config.dataDir()
                                            .resolve("uploads")
                                            .resolve("tmp")
                                            .toString())
                            .mount(root);
                    // what the router itself refuses (a path it cannot decode, a method it does not route) is a problem
                    // document too
                    for (int status : new int[] {400, 404, 405, 413, 414, 415, 431}) {
                        root.errorHandler(status, new Problems());
                    }
                    root.get("/health").handler(new Health(config, s, shard));
                    root.get("/metrics").handler(new MetricsRoute(vertx, metricsToken));
                    root.get("/" + CONTRACT).handler(ctx -> ctx.response()
                            .putHeader("content-type", "application/yaml")
                            .end(yaml));
                    Pages.mount(root);
                    // per address, before a byte of the body is read: public forms, and password guessing
                    // (logins, activations, password changes and resets per address and minute, LACAK_LOGIN_RATE)
                    root.post("/api/v1/facility-requests").handler(s.guards().publicLimit());
                    root.post("/api/v1/companies").handler(s.guards().publicLimit());
                    root.post("/api/v1/companies/:id/revision")
                            .handler(s.guards().publicLimit());
                    root.post("/api/v1/login").handler(s.guards().loginLimit());
                    root.post("/api/v1/accounts/activate").handler(s.guards().loginLimit());
                    root.post("/api/v1/me/password").handler(s.guards().loginLimit());
                    root.post("/api/v1/password-resets").handler(s.guards().loginLimit());
                    root.post("/api/v1/password-resets/complete")
                            .handler(s.guards().loginLimit());
                    RouterBuilder b = contract(contract);
                    routes(root, b);
                    // Authentication is the authenticator's (JWT or API key, one handler for both); each handler
                    // then checks what the caller may do. The contract's security section documents it.
                    b.getRoutes().forEach(r -> r.setDoSecurity(false));
                    Router api = b.createRouter();
                    api.route().failureHandler(new Problems());
                    root.route("/*").subRouter(api);
                    root.route()
                            .handler(ctx -> ctx.fail(Problem.notFound(
                                    "no such resource: " + ctx.request().path())));
                    root.route().failureHandler(new Problems());
                    deadlines.start();
                    if (front != null) {
                        front.serve(root, deadlines);
                        return Future.<Void>succeededFuture();
                    }
                    return vertx.createHttpServer(Front.options(config))
                            .connectionHandler(deadlines::opened)
                            .requestHandler(root)
                            .listen(config.port(), config.host())
                            .<Void>map(srv -> {
                                server = srv;
                                return null;
                            });
                }));
    }

    @Override
    public Future<?> stop() {
        if (deadlines != null) {
            deadlines.stop();
        }
        return Future.succeededFuture();
    }

    /** The contract's router builder: every body read up to the limit, then the caller found. */
    private RouterBuilder contract(OpenAPIContract contract) {
        RouterBuilder b = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        b.rootHandler((PlatformHandler) this::continueWithinLimit); // before the body: a platform handler
        b.rootHandler(BodyHandler.create(false).setBodyLimit(config.bodyLimit())); // a limit on every route
        b.rootHandler(new Authentication(s.registration().authenticator()));
        return b;
    }

    /**
     * A client that asks first ({@code Expect: 100-continue}, as curl does for bodies over 1 MiB) is told
     * to send when its announced body fits the limit; one that does not fit gets its 413 from the body
     * handler without having sent a byte.
     */
    private void continueWithinLimit(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))
                && (length == null
                        || (length.matches("[0-9]{1,18}") && Long.parseLong(length) <= config.bodyLimit()))) {
            ctx.response().writeContinue();
        }
        ctx.next();
    }

    /** Every route group, each mounted once: on {@code root}, through {@code b}, or its routes split between them. */
    private void routes(Router root, RouterBuilder b) {
        String tmp = config.dataDir().resolve("uploads").resolve("tmp").toString();
        s.uploads().mount(root, b);
        complaints(tmp).mount(root, b);
        facilityRequests(tmp).mount(root, b);
        new CompanyRoutes(vertx, s.registration().companies(), tmp).mount(root, b);
        productApplications(tmp).mount(root, b);
        certifications(tmp).mount(root, b);
        // password guessing from many addresses: logins per username too (LACAK_LOGIN_ACCOUNT_RATE)
        new AccountRoutes(
                        s.registration().accounts(),
                        s.registration().apiKeys(),
                        s.registration().authenticator(),
                        s.sequencer().referenceData(),
                        username -> s.guards().accountLoginLimit().allow("account:" + username),
                        username -> s.guards().accountLoginLimit().retryAfterSeconds("account:" + username))
                .mount(b);
        new FacilityRoutes(s.registration().facilities()).mount(b);
        new ProductRoutes(s.registration().products()).mount(b);
        new CodeRequestRoutes(s.sequencer().issuance(), s.sequencer().referenceData(), s.writers()).mount(b);
        new ReportRoutes(
                        s.writers(),
                        s.codec(),
                        s.clock(),
                        new ReportRoutes.Letters(
                                vertx,
                                s.registration().documents(),
                                new Authentication(s.registration().authenticator()),
                                tmp))
                .mount(root, b);
        new BarcodeRoutes(vertx, s.codec(), s.issuedSerials()).mount(b);
        new PaymentRoutes(s.registration().payments()).mount(b);
        new NewsRoutes(new News(s.database().pool())).mount(b);
        new QueryRoutes(
                        s.writers(),
                        s.sequencer().referenceData(),
                        s.notifications(),
                        new NotificationCodes(
                                vertx, s.database().pool(), s.sequencer().referenceData()),
                        s.codec(),
                        s.clock())
                .mount(b);
        new RegulatorRoutes(
                        new Alerts(s.database().pool(), s.sequencer().referenceData()),
                        new LateReports(s.database().pool(), s.sequencer().referenceData()),
                        s.sequencer().referenceData(),
                        new RecallEffectiveness(
                                vertx, s.database().pool(), s.sequencer().referenceData(), s.writers()),
                        s.sequencer().issuance())
                .mount(b);
    }

    private FacilityRequestRoutes facilityRequests(String uploadsDir) {
        return new FacilityRequestRoutes(
                vertx,
                s.registration().facilityRequests(),
                s.registration().documents(),
                s.registration().activations(),
                s.registration().outbox(),
                s.registration().authenticator(),
                uploadsDir);
    }

    private ProductApplicationRoutes productApplications(String uploadsDir) {
        return new ProductApplicationRoutes(
                vertx, s.registration().productApplications(), s.registration().authenticator(), uploadsDir);
    }

    private CertificationRoutes certifications(String uploadsDir) {
        return new CertificationRoutes(
                vertx,
                s.registration().certifications(),
                s.registration().companyProfile(),
                s.registration().authenticator(),
                uploadsDir);
    }

    private ComplaintRoutes complaints(String uploadsDir) {
        return new ComplaintRoutes(
                vertx,
                s.complaints(),
                s.guards().publicLimit(),
                s.registration().authenticator(),
                uploadsDir);
    }

    /** The port actually bound (the requested one, or the free one picked for port 0). */
    public int port() {
        return front != null ? front.port() : server == null ? -1 : server.actualPort();
    }

    /**
     * A URI that cannot be decoded ({@code %E0%A4%A}) or holds a NUL ({@code %00}) is the client's
     * fault, refused before any handler reads a parameter from it.
     */
    private static void refuseBadUri(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.contains("%00")) {
            ctx.fail(Problem.badRequest(
                    "uri", "NUL_CHARACTER", "alamat memuat karakter NUL / the URI holds a NUL character (%00)"));
            return;
        }
        try {
            ctx.request().params(); // decodes the query once; Vert.x keeps the result
            java.net.URLDecoder.decode(
                    ctx.request().path().replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            ctx.fail(Problem.badRequest(
                    "uri", "BAD_URI", "alamat tidak dapat dibaca / the URI has a malformed percent-encoding"));
            return;
        }
        ctx.next();
    }
}
