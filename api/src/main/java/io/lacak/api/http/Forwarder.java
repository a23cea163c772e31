package io.lacak.api.http;

import io.lacak.core.journal.ShardLease;
import io.vertx.core.Future;
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
 * <p>With the shards spread over nodes ({@code LACAK_NODE_SHARDS}) the owner of shard 0 is the
 * <i>registry</i>: every request reaches it first (any other node forwards there), and what it
 * finds is another shard's ({@link io.lacak.core.journal.ShardWriters.Elsewhere}) it sends on to
 * that shard's owner with {@link #SHARD} ({@link #toShard}), the body it has read with it, and
 * {@link #REFERENCE}, what its reference data knows; a node passes a request marked for a shard it
 * owns and refuses one for a shard it does not. A report whose codes are in several nodes' shards
 * has each other node's part decided there ({@link #part}).
 *
 * <p>{@code root.route("/api/*").handler(Forwarder.create(vertx, pool, "b", owns, Duration.ofSeconds(10)))}
 */
public final class Forwarder implements io.vertx.core.Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

    /** The header a forwarding node adds, naming itself: the receiver never forwards it again. */
    public static final String FORWARDED = "X-Lacak-Forwarded-By";

    /** The shard a forwarded request was sent on for: the receiver answers it only when it owns that shard. */
    public static final String SHARD = "X-Lacak-Shard";

    /** With {@link #SHARD}: decide only that shard's part of the report ({@link #part}). */
    public static final String PART = "X-Lacak-Part";

    /** With {@link #PART}: when the report reached the registry (Pasal 12(5)), epoch milliseconds. */
    public static final String ARRIVED = "X-Lacak-Arrived";

    /** With {@link #SHARD}: the registry's {@link io.lacak.core.lifecycle.ReferenceData#mark()}. */
    public static final String REFERENCE = "X-Lacak-Reference";

    /** With {@link #SHARD}: the recall letter the registry kept for this recall, its document id. */
    public static final String LETTER = "X-Lacak-Letter";

    /** Where a request passed on here finds this forwarder ({@link RoutingContext#get}). */
    public static final String KEY = "lacak.forwarder";

    private final String node;
    /** Whether this node owns shard {@code n} now (asked on every request). */
    private final java.util.function.IntPredicate owns;

    private final long retryAfterSeconds;
    private final HttpClient client;
    /** Each shard's owner, looked up at most a second ago. */
    private final Owners owners;

    /** This node's reference data and how it takes in what others made, once it writes; else {@code null}. */
    private volatile io.lacak.core.lifecycle.ReferenceData ref;

    private volatile java.util.function.Supplier<Future<Void>> follow;

    private Forwarder(Vertx vertx, Pool pool, String node, java.util.function.IntPredicate owns, Duration lease) {
        this.owners = new Owners(pool);
        this.node = node;
        this.owns = owns;
        this.retryAfterSeconds = Math.max(1, lease.toSeconds());
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) Math.min(5_000, Math.max(500, lease.toMillis() / 2)))
                        .setKeepAlive(true),
                // Vert.x's default of 5 connections to an owner made every forwarded request wait its turn:
                // forwarded sales ran at 0.17 of one node's rate (benchmarks/RESULTS.md, "Writers spread")
                new io.vertx.core.http.PoolOptions()
                        .setHttp1MaxSize(CONNECTIONS_PER_OWNER)
                        .setMaxWaitQueueSize(WAITING_PER_OWNER));
    }

    /** Connections kept open to each other node at most: as many requests as that are in flight to it at once. */
    static final int CONNECTIONS_PER_OWNER = 128;

    /**
     * Requests waiting for a connection to one node at most; beyond it a request is answered 503
     * ({@code OWNER_UNREACHABLE}, with {@code Retry-After}) instead of queueing without bound.
     */
    static final int WAITING_PER_OWNER = 4_096;

    /**
     * {@code owns}: whether this node holds shard {@code n} now (asked on every request); {@code
     * lease}: the lease time, which is also the {@code Retry-After} of a refusal (a new owner is
     * known within it).
     */
    public static Forwarder create(
            Vertx vertx, Pool pool, String node, java.util.function.IntPredicate owns, Duration lease) {
        return new Forwarder(vertx, pool, node, owns, lease);
    }

    /**
     * Once this node writes: its reference data, and how it takes in what other nodes made ({@code
     * follow}), done before a request another node sent on with a mark it does not cover is read.
     */
    public void references(
            io.lacak.core.lifecycle.ReferenceData ref, java.util.function.Supplier<Future<Void>> follow) {
        this.ref = ref;
        this.follow = follow;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        boolean forwarded = req.headers().contains(FORWARDED);
        String to = forwarded ? req.getHeader(SHARD) : null;
        if (to != null) { // sent on for one shard: answered by its owner, never sent on again
            int shard = to.matches("[0-9]{1,4}") ? Integer.parseInt(to) : -1;
            if (shard >= 0 && owns.test(shard)) {
                pass(ctx);
                return;
            }
            notTheOwner(ctx);
            return;
        }
        if (owns.test(0)) { // the registry: what it finds is another shard's, it sends on (toShard)
            ctx.put(KEY, this);
            ctx.next();
            return;
        }
        if (forwarded) {
            notTheOwner(ctx);
            return;
        }
        req.pause(); // the body waits for the owner's connection: nothing is read, nothing is buffered
        owners.of(0).onComplete(ar -> {
            ShardLease.Owner o = ar.succeeded() ? ar.result() : null;
            if (o == null || !o.live() || o.node().equals(node)) {
                noOwner(ctx);
                return;
            }
            forward(ctx, o, -1);
        });
    }

    /**
     * A request sent on for a shard this node owns: answered here, after the reference data took in
     * what the sender's knew ({@link #REFERENCE}).
     */
    private void pass(RoutingContext ctx) {
        ctx.put(KEY, this);
        var known = ref;
        var take = follow;
        String mark = ctx.request().getHeader(REFERENCE);
        if (known == null || take == null || mark == null || known.covers(mark)) {
            ctx.next();
            return;
        }
        HttpServerRequest req = ctx.request();
        if (!req.isEnded()) {
            req.pause();
        }
        take.get().onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "taking in the reference data failed", ar.cause());
            }
            ctx.next();
        });
    }

    /**
     * Issue 21: what this node (the registry) found is shard {@code shard}'s, which another node
     * writes: the request goes to that shard's owner, with the body already read (a JSON body) or
     * the rest of it streamed (an upload, sent on before a byte of it was read). A request already
     * sent on for a shard is refused instead: it is never forwarded twice.
     */
    public void toShard(RoutingContext ctx, int shard) {
        HttpServerRequest req = ctx.request();
        if (req.headers().contains(SHARD) && req.headers().contains(FORWARDED)) {
            notTheOwner(ctx);
            return;
        }
        if (!req.isEnded()) {
            req.pause();
        }
        owners.of(shard).onComplete(ar -> {
            ShardLease.Owner o = ar.succeeded() ? ar.result() : null;
            if (o == null || !o.live() || o.node().equals(node)) {
                noOwner(ctx);
                return;
            }
            forward(ctx, o, shard);
        });
    }

    /**
     * Issue 21: shard {@code shard}'s part of the report {@code ctx} holds (its body read), decided by
     * that shard's owner: the same request, marked to decide only that shard's codes ({@link #PART}),
     * under the same idempotency key and arrival. Its answer: the body (a receipt, or a problem
     * document) with the status in {@code status}.
     */
    public Future<io.vertx.core.json.JsonObject> part(RoutingContext ctx, int shard, java.time.Instant arrived) {
        HttpServerRequest req = ctx.request();
        return ask(ctx, shard, req.method(), req.uri(), out -> {
            out.putHeader(PART, String.valueOf(shard));
            out.putHeader(ARRIVED, String.valueOf(arrived.toEpochMilli()));
            return out.send(ctx.body().buffer());
        });
    }

    /**
     * Issue 21: {@code POST uri} of shard {@code shard}'s owner with {@code body} (JSON) and {@code
     * extra} headers, as the caller of {@code ctx} (its credentials and idempotency key passed on): a
     * request the registry makes of what it read in another form (a recall with its letter).
     */
    public Future<io.vertx.core.json.JsonObject> post(
            RoutingContext ctx,
            int shard,
            String uri,
            io.vertx.core.json.JsonObject body,
            java.util.Map<String, String> extra) {
        return ask(ctx, shard, io.vertx.core.http.HttpMethod.POST, uri, out -> {
            out.headers().remove("content-type").remove("content-length");
            extra.forEach(out::putHeader);
            out.putHeader("content-type", "application/json");
            return out.send(body.toBuffer());
        });
    }

    /**
     * Issue 21: {@code GET uri} of shard {@code shard}'s owner, as the caller of {@code ctx} (its
     * credentials passed on): what a view over every shard reads of a shard another node writes.
     */
    public Future<io.vertx.core.json.JsonObject> get(RoutingContext ctx, int shard, String uri) {
        return ask(ctx, shard, io.vertx.core.http.HttpMethod.GET, uri, out -> out.send());
    }

    private Future<io.vertx.core.json.JsonObject> ask(
            RoutingContext ctx,
            int shard,
            io.vertx.core.http.HttpMethod method,
            String uri,
            java.util.function.Function<io.vertx.core.http.HttpClientRequest, Future<HttpClientResponse>> send) {
        return owners.of(shard).compose(o -> {
            if (o == null || !o.live() || o.node().equals(node)) {
                return Future.failedFuture(new Problem(
                        503,
                        "NO_OWNER",
                        "pemilik shard " + shard + " belum diketahui; coba lagi / the owner of shard " + shard
                                + " is not known yet; try again",
                        List.of()));
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setAbsoluteURI(o.address() + uri)
                    .setFollowRedirects(false);
            return client.request(options)
                    .compose(out -> {
                        headers(ctx, out, shard);
                        return send.apply(out);
                    })
                    .compose(answer -> answer.body().map(body -> {
                        var json = body.length() == 0 ? new io.vertx.core.json.JsonObject() : body.toJsonObject();
                        return json.put("status", answer.statusCode());
                    }))
                    .onFailure(e -> owners.forget(shard))
                    .recover(e -> Future.failedFuture(
                            e instanceof Problem
                                    ? e
                                    : new Problem(
                                            503,
                                            "OWNER_UNREACHABLE",
                                            "node pemilik shard " + shard + " (" + o.node()
                                                    + ") tidak menjawab; coba lagi"
                                                    + " / the node owning shard " + shard + " (" + o.node()
                                                    + ") does not answer; try again",
                                            List.of())));
        });
    }

    /** The client's headers, this node's mark, and with {@code shard} >= 0 the shard it is sent on for. */
    private void headers(RoutingContext ctx, io.vertx.core.http.HttpClientRequest out, int shard) {
        HttpServerRequest req = ctx.request();
        ForwardedHeaders.copy(req.headers(), out.headers());
        for (String own : new String[] {SHARD, PART, ARRIVED, REFERENCE, LETTER}) {
            out.headers().remove(own); // a node's own, never a client's passed on
        }
        out.putHeader(FORWARDED, node);
        if (shard >= 0) {
            out.putHeader(SHARD, String.valueOf(shard));
            var known = ref;
            if (known != null) {
                out.putHeader(REFERENCE, known.mark());
            }
        }
        String from = req.headers().get("X-Forwarded-For");
        String client = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        if (client != null) { // the owner's per-address limits see the client when it trusts this node
            out.putHeader("X-Forwarded-For", from == null ? client : from + ", " + client);
        }
    }

    private void forward(RoutingContext ctx, ShardLease.Owner o, int shard) {
        HttpServerRequest req = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(req.method())
                .setAbsoluteURI(o.address() + req.uri())
                .setFollowRedirects(false);
        client.request(options)
                .compose(out -> {
                    headers(ctx, out, shard);
                    var read = ctx.body() == null ? null : ctx.body().buffer();
                    if (read != null) {
                        return out.send(read); // the body the registry read (a JSON body)
                    }
                    if (req.isEnded()) {
                        return out.send(); // nothing more to read (a GET)
                    }
                    if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) {
                        // Expect is not passed on (hop by hop): the client is told to send, the owner judges the body
                        ctx.response().writeContinue();
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
        ForwardedHeaders.copy(answer.headers(), resp.headers());
        resp.send(answer).onFailure(e -> LOG.log(Level.FINE, "relaying the owner's answer failed", e));
    }

    private void unreachable(RoutingContext ctx, ShardLease.Owner o, Throwable e) {
        owners.forgetAll(); // look again next time: it may have been replaced
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

    private void notTheOwner(RoutingContext ctx) {
        refuse(
                ctx,
                "NOT_THE_OWNER",
                "node " + node + " tidak memegang shard; permintaan yang sudah diteruskan tidak diteruskan lagi"
                        + " / node " + node + " does not own the shard; a forwarded request is not forwarded again");
    }

    private void noOwner(RoutingContext ctx) {
        refuse(
                ctx,
                "NO_OWNER",
                "pemilik shard belum diketahui; coba lagi / the shard's owner is not known yet; try again");
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
