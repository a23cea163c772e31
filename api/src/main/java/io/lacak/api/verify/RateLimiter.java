package io.lacak.api.verify;

import io.lacak.api.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A per-client rate limit for the public routes: {@code rate} requests a second with bursts of
 * {@code 2 * rate}, as a generic cell rate algorithm over a fixed table of slots (one {@code long}
 * each, lock-free). Memory stays fixed whatever the number of clients; clients whose addresses share
 * a slot share its allowance, which with 65,536 slots is rare and errs on the side of refusing.
 *
 * As a route handler it lets the request on or fails it with a 429 and {@code Retry-After}.
 *
 * <p>{@code root.get("/api/v1/verify").handler(limiter).handler(this::verify);}
 */
public final class RateLimiter implements Handler<RoutingContext> {

    private static final int SLOTS = 1 << 16;

    private final AtomicLongArray due = new AtomicLongArray(SLOTS); // theoretical arrival time, nanos
    private final long interval;
    private final long tolerance;

    /** {@code rate} requests per second per client, bursts of {@code 2 * rate}; 0 turns the limit off. */
    public RateLimiter(int rate) {
        this(rate <= 0 ? 0 : 1_000_000_000L / rate, 2 * Math.max(rate, 1));
    }

    private RateLimiter(long intervalNanos, int burst) {
        this.interval = intervalNanos;
        this.tolerance = intervalNanos * burst;
    }

    /** {@code count} requests per minute per client, bursts of {@code 2 * count}; 0 turns the limit off. */
    public static RateLimiter perMinute(int count) {
        return new RateLimiter(count <= 0 ? 0 : 60_000_000_000L / count, 2 * Math.max(count, 1));
    }

    /** Whether {@code client} may make one more request now; counts it when so. */
    public boolean allow(String client) {
        return allow(client, System.nanoTime());
    }

    boolean allow(String client, long now) {
        if (interval == 0) {
            return true;
        }
        int slot = (client.hashCode() * 0x9E3779B9) >>> 16;
        while (true) {
            long tat = due.get(slot);
            long start = tat == 0 || tat - now < 0 ? now : tat;
            if (start - now > tolerance - interval) {
                return false;
            }
            if (due.compareAndSet(slot, tat, start + interval)) {
                return true;
            }
        }
    }

    /** Seconds until {@code client} may try again (for {@code Retry-After}); at least 1. */
    public long retryAfterSeconds(String client) {
        int slot = (client.hashCode() * 0x9E3779B9) >>> 16;
        long wait = due.get(slot) - (tolerance - interval) - System.nanoTime();
        return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = client(ctx);
        if (allow(client)) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds(client)));
        ctx.fail(new Problem(429, "RATE_LIMITED", "too many requests from this address; try again shortly", List.of()));
    }

    /**
     * The client a request comes from: the connection's remote address (Lacak listens directly, not
     * behind a proxy; the connection's address skips the per-request Forwarded-header parsing).
     */
    public static String client(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress a = ctx.request().connection().remoteAddress();
        return a == null ? "unknown" : a.host();
    }
}
