package io.lacak.api.http;

import io.lacak.api.LacakConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Issue 21: a cluster node's one HTTP server, bound once for the node's life, so that its port and
 * address stay the same when it turns from standby into owner: first it serves the standby's routes
 * ({@link #serveStandby}), then {@link ApiVerticle}'s router replaces them in place, without a moment
 * when connections are refused.
 *
 * <p>{@code Front.listen(vertx, config).compose(front -> front.serveStandby(shard))}
 */
public final class Front extends VerticleBase {

    private final LacakConfig config;
    private HttpServer server;
    private String deployment;
    /** The time limits of the router served now. */
    private Deadlines current;

    private volatile Handler<HttpServerRequest> requests =
            r -> r.response().setStatusCode(503).end();
    private volatile Handler<HttpConnection> connections = c -> {};

    private Front(LacakConfig config) {
        this.config = config;
    }

    /**
     * Listens on {@code LACAK_HOST} and {@code LACAK_PORT}, with the options {@link ApiVerticle} uses,
     * from a verticle of its own: its handlers run on that verticle's event loop.
     */
    public static Future<Front> listen(Vertx vertx, LacakConfig config) {
        Front front = new Front(config);
        return vertx.deployVerticle(front).map(id -> {
            front.deployment = id;
            return front;
        });
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options(config))
                .requestHandler(r -> requests.handle(r))
                .connectionHandler(c -> connections.handle(c))
                .listen(config.port(), config.host())
                .onSuccess(s -> server = s);
    }

    /**
     * HTTP/1.1 only: cleartext HTTP/2 (h2c) multiplexes streams on one connection, beyond the reach of
     * the per-connection head clock, and no client of this API needs it. A connection with nothing
     * read or written for the idle timeout is closed, before its protocol is even known.
     */
    static HttpServerOptions options(LacakConfig config) {
        return new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(
                        (int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code build} on this server's event loop: what a router sets up there (the deadlines'
     * timer) runs on the same thread as its handlers.
     */
    <T> Future<T> onLoop(java.util.function.Supplier<Future<T>> build) {
        io.vertx.core.Promise<T> built = io.vertx.core.Promise.promise();
        context.runOnContext(v -> build.get().onComplete(built));
        return built.future();
    }

    /**
     * From now on requests go to {@code requests}, whose time limits {@code deadlines} keeps: it
     * takes over the connections the router before watched (their clocks go on: a connection a
     * load balancer keeps open across the swap is still closed when idle), and new connections.
     * On this server's event loop.
     */
    void serve(Handler<HttpServerRequest> requests, Deadlines deadlines) {
        if (current != null) {
            deadlines.adopt(current);
            current.stop();
        }
        current = deadlines;
        this.connections = deadlines::opened;
        this.requests = requests;
    }

    /** The port bound (the free one picked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops listening (undeploys this verticle, which closes the server). */
    public Future<Void> close() {
        if (current != null) {
            current.stop();
        }
        return vertx.undeploy(deployment);
    }

    /**
     * Serves the routes of a node that does not own the shard yet and holds no store and no writer:
     * {@code /api/} forwarded to the owner ({@link Forwarder}), the pages from the jar, {@code
     * /health} saying it is a standby and who owns the shard (200 while Postgres answers: it answers
     * by forwarding). The same time limits as the full API's ({@link Deadlines}), until the next
     * {@link #serve}.
     */
    public Future<Void> serveStandby(ShardNode shard) {
        return serveStandby(shard, (root, owner) -> {});
    }

    /**
     * As {@link #serveStandby(ShardNode)}, with {@code local}'s routes answered here before {@code
     * /api/} is forwarded (given the router and the handler that forwards to the owner): a standby's
     * verify from its followed stores (issue 21).
     */
    public Future<Void> serveStandby(
            ShardNode shard, java.util.function.BiConsumer<Router, Handler<RoutingContext>> local) {
        return onLoop(() -> {
            Deadlines deadlines =
                    new Deadlines(vertx, config.headerTimeout(), config.bodyTimeout(), config.uploadTimeout());
            Router root = Router.router(vertx);
            root.route().handler(deadlines);
            root.get("/health").handler(ctx -> standbyHealth(ctx, shard));
            local.accept(root, shard.forwarder());
            root.route("/api/*").handler(shard.forwarder());
            Pages.mount(root);
            root.route()
                    .handler(ctx -> ctx.fail(Problem.notFound(
                            "no such resource: " + ctx.request().path())));
            root.route().failureHandler(new Problems());
            deadlines.start();
            serve(root, deadlines);
            return Future.succeededFuture();
        });
    }

    private static void standbyHealth(RoutingContext ctx, ShardNode shard) {
        shard.health()
                .map(s -> new JsonObject()
                        .put("status", shard.failure() == null ? "UP" : "DOWN")
                        .put("postgres", "UP")
                        .put("shard", s))
                .otherwise(e -> new JsonObject()
                        .put("status", "DOWN")
                        .put("postgres", "DOWN")
                        .put(
                                "shard",
                                new JsonObject()
                                        .put("node", shard.node())
                                        .put("role", shard.role().name())))
                .onSuccess(body -> ctx.response()
                        .setStatusCode(body.getString("status").equals("UP") ? 200 : 503)
                        .putHeader("content-type", "application/json")
                        .end(body.encode()));
    }
}
