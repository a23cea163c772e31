package io.lacak.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} (issue 15): Prometheus text for whoever sends {@code Authorization: Bearer}
 * and the metrics token, 401 for anyone else. Rendering the registry takes milliseconds: it runs on
 * a worker, and one rendering serves every scrape within a second, so a flood of scrapes never
 * holds the event loop.
 *
 * <p>{@code root.get("/metrics").handler(new MetricsRoute(vertx, token));}
 */
final class MetricsRoute implements Handler<RoutingContext> {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final Vertx vertx;
    private final byte[] token;
    /**
     * The last rendering and when it was made. Volatile: the server's verticles may run on more
     * than one event loop, and at worst two scrapes then render twice.
     */
    private volatile Buffer last;

    private volatile long lastAt;
    private volatile Future<Buffer> rendering;

    MetricsRoute(Vertx vertx, String token) {
        this.vertx = vertx;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        // constant time: the comparison tells nothing of how much of a guess was right
        if (auth == null || !MessageDigest.isEqual(token, auth.getBytes(StandardCharsets.UTF_8))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            ctx.fail(Problem.unauthorized("metrics need Authorization: Bearer <the metrics token>"));
            return;
        }
        scrape().onSuccess(text -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail);
    }

    private Future<Buffer> scrape() {
        if (last != null && System.nanoTime() - lastAt < FRESH_NANOS) {
            return Future.succeededFuture(last);
        }
        Future<Buffer> r = rendering;
        if (r == null) {
            r = vertx.executeBlocking(() -> Buffer.buffer(registry().scrape()), false);
            rendering = r;
            // may run at once (a rendering finished already): the scrape still answers with r
            r.onComplete(ar -> {
                rendering = null;
                if (ar.succeeded()) {
                    last = ar.result();
                    lastAt = System.nanoTime();
                }
            });
        }
        return r;
    }

    private static PrometheusMeterRegistry registry() {
        MeterRegistry registry = BackendRegistries.getDefaultNow();
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        throw new IllegalStateException("metrics are not kept in a Prometheus registry: " + registry);
    }
}
