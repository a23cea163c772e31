package io.lacak.api.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One timer per route group and outcome, registered once at start (issue 19: no per-request
 * Micrometer work beyond a route timer). Vert.x's own HTTP server metrics looked a counter, a timer
 * and two summaries up by their tags on every request; here a request picks its timer from an array
 * by its path's prefix and its status class, and records its time from head to answer. Prometheus
 * names: {@code lacak_http_server_requests_seconds_count}, {@code _sum} and {@code _max}, labelled
 * {@code group} ({@code verify}, {@code reports}, {@code uploads}, {@code other}) and {@code outcome}
 * ({@code 1xx} to {@code 5xx}, or {@code closed}: the connection closed before the answer ended).
 *
 * <p>{@code root.route().handler(RouteTimers.create(deadlines));}
 */
final class RouteTimers implements Handler<RoutingContext> {

    static final String NAME = "lacak.http.server.requests";
    static final String[] GROUPS = {"verify", "reports", "uploads", "other"};
    static final String[] OUTCOMES = {"1xx", "2xx", "3xx", "4xx", "5xx", "closed"};

    private static final int VERIFY = 0;
    private static final int REPORTS = 1;
    private static final int UPLOADS = 2;
    private static final int OTHER = 3;
    private static final int CLOSED = 5;

    private static final String API = "/api/v1/";
    /** The journal's reports (POST only); their reads (GET) count as {@code other}. */
    private static final Set<String> REPORT_PATHS = Set.of(
            "usage-reports",
            "shipments",
            "receipts",
            "sales",
            "returns",
            "return-decisions",
            "recalls",
            "recall-letters",
            "recall-shipments",
            "recall-receipts",
            "unpacks");

    /** [group][outcome]; {@code null} when the Vert.x instance keeps no metrics. */
    private final Timer[][] timers;

    private RouteTimers(Timer[][] timers) {
        this.timers = timers;
    }

    /**
     * Registers the timers in the Vert.x default registry, and {@code lacak_http_server_connections} (the
     * connections open, read from {@code deadlines} when scraped); when metrics are off nothing is timed.
     */
    static RouteTimers create(Deadlines deadlines) {
        MeterRegistry registry = BackendRegistries.getDefaultNow();
        if (registry == null) {
            return new RouteTimers(null);
        }
        Gauge.builder("lacak.http.server.connections", deadlines, Deadlines::open)
                .description("HTTP connections open")
                .register(registry);
        Timer[][] timers = new Timer[GROUPS.length][OUTCOMES.length];
        for (int g = 0; g < GROUPS.length; g++) {
            for (int o = 0; o < OUTCOMES.length; o++) {
                timers[g][o] = Timer.builder(NAME)
                        .description("HTTP requests from head to answer, by route group and status class")
                        .tags("group", GROUPS[g], "outcome", OUTCOMES[o])
                        .register(registry);
            }
        }
        return new RouteTimers(timers);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (timers != null) {
            long start = System.nanoTime();
            Timer[] group = timers[group(ctx.request())];
            ctx.addEndHandler(ar -> {
                int status = ctx.response().getStatusCode();
                int outcome = ar.failed() || status < 100 || status > 599 ? CLOSED : status / 100 - 1;
                group[outcome].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
        }
        ctx.next();
    }

    /** The route group of a request by its path alone: a prefix test for the hot path, one set look-up else. */
    static int group(HttpServerRequest req) {
        String path = req.path();
        if (path == null || !path.startsWith(API)) {
            return OTHER;
        }
        if (path.startsWith("verify", API.length())) {
            return VERIFY;
        }
        if (path.startsWith("uploads/", API.length())) {
            return UPLOADS;
        }
        if (req.method() == HttpMethod.POST) {
            int end = path.indexOf('/', API.length());
            String first = path.substring(API.length(), end < 0 ? path.length() : end);
            if (REPORT_PATHS.contains(first)) {
                return REPORTS;
            }
        }
        return OTHER;
    }
}
