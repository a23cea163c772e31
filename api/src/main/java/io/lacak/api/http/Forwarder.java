package io.lacak.api.http;

import io.lacak.core.journal.ShardLease;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 21, "any node answers": on a node that does not own the shard (a standby, or an owner whose
 * lease was taken), every request under {@code /api/} goes to the owner's {@code address} from
 * {@code shard_lease}, the same request over the same HTTP contract: method, path and query,
 * headers (Authorization, X-API-Key, Idempotency-Key, Content-Type...) and the body streamed
 * through as it arrives (an upload is never held in memory), the owner's status, headers and body
 * streamed back. {@link #FORWARDED} marks the request; a forwarded request reaching a node that
 * does not own the shard either is refused (503), never sent on again. No known live owner, or one
 * that does not answer: 503 with {@code Retry-After}. On the owner every request passes.
 *
 * <p>{@code root.route("/api/*").handler(Forwarder.create(vertx, pool, "b", lease::held, Duration.ofSeconds(10)))}
 */
public final class Forwarder implements io.vertx.core.Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

    /** The header a forwarding node adds, naming itself: the receiver never forwards it again. */
    public static final String FORWARDED = "X-Lacak-Forwarded-By";

    /** Hop-by-hop headers (RFC 9110 7.6.1) and what the client sets itself: never copied across. */
    private static final Set<String> HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "expect");

    /** The owner's address is looked up again after this long, or at once after it failed to answer. */
    private static final long OWNER_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Pool pool;
    private final String node;
    private final BooleanSupplier owns;
    private final long retryAfterSeconds;
    private final HttpClient client;
    private ShardLease.Owner owner;
    private long ownerSince;

    private Forwarder(Vertx vertx, Pool pool, String node, BooleanSupplier owns, Duration lease) {
        this.pool = pool;
        this.node = node;
        this.owns = owns;
        this.retryAfterSeconds = Math.max(1, lease.toSeconds());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(5_000, Math.max(500, lease.toMillis() / 2)))
                .setKeepAlive(true));
    }

    /**
     * {@code owns}: whether this node holds the shard now (asked on every request); {@code lease}:
     * the lease time, which is also the {@code Retry-After} of a refusal (a new owner is known
     * within it).
     */
    public static Forwarder create(Vertx vertx, Pool pool, String node, BooleanSupplier owns, Duration lease) {
        return new Forwarder(vertx, pool, node, owns, lease);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (owns.getAsBoolean()) {
            ctx.next();
            return;
        }
        HttpServerRequest req = ctx.request();
        if (req.headers().contains(FORWARDED)) {
            refuse(
                    ctx,
                    "NOT_THE_OWNER",
                    "node " + node + " tidak memegang shard; permintaan yang sudah diteruskan tidak diteruskan lagi"
                            + " / node " + node
                            + " does not own the shard; a forwarded request is not forwarded again");
            return;
        }
        req.pause(); // the body waits for the owner's connection: nothing is read, nothing is buffered
        owner().onComplete(ar -> {
            ShardLease.Owner o = ar.succeeded() ? ar.result() : null;
            if (o == null || !o.live() || o.node().equals(node)) {
                refuse(
                        ctx,
                        "NO_OWNER",
                        "pemilik shard belum diketahui; coba lagi / the shard's owner is not known yet; try again");
                return;
            }
            forward(ctx, o);
        });
    }

    private void forward(RoutingContext ctx, ShardLease.Owner o) {
        HttpServerRequest req = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setAbsoluteURI(o.address() + req.uri())
                .setFollowRedirects(false);
        client.request(options)
                .compose(out -> {
                    copy(req.headers(), out.headers());
                    out.putHeader(FORWARDED, node);
                    String from = req.headers().get("X-Forwarded-For");
                    String client = req.remoteAddress() == null
                            ? null
                            : req.remoteAddress().hostAddress();
                    if (client != null) { // the owner's per-address limits see the client when it trusts this node
                        out.putHeader("X-Forwarded-For", from == null ? client : from + ", " + client);
                    }
                    if (req.isEnded()) {
                        return out.send(); // nothing more to read (a GET)
                    }
                    return out.send(req); // piped with back-pressure: the request is read as the owner takes it
                })
                .onSuccess(answer -> relay(ctx, answer))
                .onFailure(e -> unreachable(ctx, o, e));
    }

    private static void relay(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse resp = ctx.response();
        resp.setStatusCode(answer.statusCode());
        resp.setStatusMessage(answer.statusMessage());
        copy(answer.headers(), resp.headers());
        resp.send(answer).onFailure(e -> LOG.log(Level.FINE, "relaying the owner's answer failed", e));
    }

    private void unreachable(RoutingContext ctx, ShardLease.Owner o, Throwable e) {
        synchronized (this) {
            owner = null; // look again next time: it may have been replaced
        }
        LOG.log(Level.WARNING, "forwarding to " + o.node() + " at " + o.address() + " failed", e);
        if (ctx.response().headWritten()) {
            ctx.request().connection().close(); // half an answer cannot be mended
            return;
        }
        refuse(
                ctx,
                "OWNER_UNREACHABLE",
                "node pemilik shard (" + o.node() + ") tidak menjawab; coba lagi / the node owning the shard ("
                        + o.node() + ") does not answer; try again");
    }

    private static void copy(MultiMap from, MultiMap to) {
        for (var h : from) {
            if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }

    /** The owner, from {@code shard_lease}, at most a second old. */
    private Future<ShardLease.Owner> owner() {
        synchronized (this) {
            if (owner != null && System.nanoTime() - ownerSince < OWNER_CACHE_NANOS) {
                return Future.succeededFuture(owner);
            }
        }
        return ShardLease.owner(pool, 0).onSuccess(o -> {
            synchronized (this) {
                owner = o;
                ownerSince = System.nanoTime();
            }
        });
    }

    private void refuse(RoutingContext ctx, String code, String detail) {
        HttpServerResponse resp = ctx.response();
        if (resp.ended()) {
            return;
        }
        if (!ctx.request().isEnded()) {
            ctx.request().resume(); // what is left of the body is read and dropped: the connection stays usable
        }
        JsonObject body =
                new Problem(503, code, detail, List.of()).toJson(ctx.request().path());
        resp.setStatusCode(503)
                .putHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .putHeader("content-type", "application/problem+json")
                .end(body.encode());
    }
}
