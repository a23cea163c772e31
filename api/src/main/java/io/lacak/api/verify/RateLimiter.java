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
     * The client a request comes from: the connection's remote address; when that is a trusted
     * reverse proxy ({@link #trustProxies}, {@code LACAK_TRUSTED_PROXIES}), the right-most address
     * of {@code X-Forwarded-For} that is not itself a trusted proxy (the left ones are the client's
     * to forge). Anyone else's {@code X-Forwarded-For} is ignored: it would let a client choose its
     * own rate limit.
     */
    public static String client(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress a = ctx.request().connection().remoteAddress();
        String peer = a == null ? "unknown" : a.host();
        java.util.Set<String> trusted = trustedProxies;
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        return forwardedClient(ctx.request().headers().getAll("X-Forwarded-For"), peer, trusted);
    }

    /** The right-most hop of the {@code X-Forwarded-For} values that is not a trusted proxy; {@code peer} when none. */
    static String forwardedClient(List<String> headers, String peer, java.util.Set<String> trusted) {
        String client = peer;
        for (int h = headers.size() - 1; h >= 0; h--) {
            String[] hops = headers.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (hop.isEmpty()) {
                    continue;
                }
                if (!trusted.contains(hop)) {
                    return hop;
                }
                client = hop;
            }
        }
        return client;
    }

    private static volatile java.util.Set<String> trustedProxies = java.util.Set.of();

    /**
     * The reverse proxies whose {@code X-Forwarded-For} is believed, for every limiter of this JVM
     * (set once at start; none by default).
     */
    public static void trustProxies(java.util.Set<String> addresses) {
        trustedProxies = java.util.Set.copyOf(addresses);
    }
}
