package io.lacak.api;

import io.lacak.api.http.Front;
import io.lacak.api.http.ShardNode;
import io.lacak.core.db.Database;
import io.lacak.core.journal.ReferenceFollower;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 21: what a cluster node keeps while another node owns its shards. It opens its own copy of
 * the shards' stores and follows the owner's journal into them every {@link #FOLLOW_EVERY_MS}
 * ({@link Sequencer#follower}): taking the shards over then replays what the owner wrote in the
 * last moments, not the whole journal (a shard of 500 M codes takes about an hour from zero). While
 * the copy is fresh (every shard followed within {@link #FRESH_MS}) it answers the public's verify
 * from it ({@code LACAK_STANDBY_VERIFY}); a copy behind (Postgres away, a round stuck) answers
 * none: the owner does. Its reference data takes in new facilities, products and issuances every
 * second ({@link ReferenceFollower}). A failure here only leaves the catching up to the takeover.
 *
 * <p>{@code Standby s = new Standby(vertx, config, db, shard, front); s.start(); ... s.handOver()}
 */
final class Standby {

    private static final Logger LOG = Logger.getLogger(Standby.class.getName());

    /** How often the stores follow the owner's journal. */
    static final long FOLLOW_EVERY_MS = 250;
    /** A copy not caught up within this long answers no verify; {@code /health} shows the lag. */
    static final long FRESH_MS = 2_000;
    /** Rounds failed in a row before each failure is a warning (two seconds of them). */
    private static final int QUIET_FAILURES = 8;
    /** Every this many rounds (a second) the reference data takes in what was registered and issued. */
    private static final int REFERENCE_EVERY = 4;

    /** A standby's stores and their followers. */
    record Followed(Assembly.Opened parts, List<Sequencer> sequencers) {}

    private final Vertx vertx;
    private final LacakConfig config;
    private final Database db;
    private final ShardNode shard;
    private final Front front;

    private Future<Followed> followed;
    private ReferenceFollower references;
    private long timer = -1;
    private boolean round;
    private long rounds;
    private boolean handedOver;
    /** When every shard was last caught up ({@link System#nanoTime}); 0 before the first time. */
    private volatile long caughtUpAt;

    private int failures;
    private volatile String lastError;

    Standby(Vertx vertx, LacakConfig config, Database db, ShardNode shard, Front front) {
        this.vertx = vertx;
        this.config = config;
        this.db = db;
        this.shard = shard;
        this.front = front;
    }

    /** Opens the stores, replays the journal into them, then follows it and (when on) answers verify. */
    void start() {
        followed = vertx.executeBlocking(() -> {
                    Assembly.sweepLeftovers(config);
                    return Assembly.open(config);
                })
                .compose(parts -> Assembly.followers(vertx, config, db, parts)
                        .map(sequencers -> new Followed(parts, sequencers))
                        .recover(e -> close(parts).transform(v -> Future.<Followed>failedFuture(e))));
        followed.onSuccess(fl -> {
                    caughtUpAt = System.nanoTime();
                    references = new ReferenceFollower(
                            db.pool(), fl.sequencers().get(0).referenceData());
                    shard.following(() -> health(fl));
                    LOG.info("node " + config.node() + " follows the shards' journals into its own stores: "
                            + applied(fl));
                    if (handedOver) {
                        return;
                    }
                    timer = vertx.setPeriodic(FOLLOW_EVERY_MS, t -> follow(fl));
                    if (config.standbyVerify()) {
                        front.serveStandby(shard, (root, owner) -> Assembly.standbyVerify(
                                                vertx, config, db, fl.parts(), fl.sequencers())
                                        .mountOnStandby(root, owner, this::fresh, config.node()))
                                .onFailure(e -> LOG.log(Level.WARNING, "serving verify on the standby failed", e));
                    }
                })
                .onFailure(e -> {
                    lastError = String.valueOf(e.getMessage());
                    shard.following(() -> new JsonObject().put("followError", lastError)); // /health says why
                    LOG.log(
                            Level.WARNING,
                            "following the shards' journals failed; the stores catch up when this node takes them over",
                            e);
                });
    }

    /** One round: every shard's store caught up with its journal; the next waits for the slowest. */
    private void follow(Followed fl) {
        if (round) {
            return;
        }
        round = true;
        List<Future<?>> each = new java.util.ArrayList<>();
        fl.sequencers().forEach(s -> each.add(s.follow()));
        if (rounds++ % REFERENCE_EVERY == 0) { // its verify then answers codes of new products and issuances too
            each.add(references.follow());
        }
        Future.join(each)
                .onSuccess(v -> {
                    caughtUpAt = System.nanoTime();
                    failures = 0;
                    lastError = null;
                })
                .onFailure(e -> {
                    lastError = String.valueOf(e.getMessage());
                    LOG.log(
                            ++failures < QUIET_FAILURES ? Level.FINE : Level.WARNING,
                            "following the journal failed " + failures + " times in a row; trying again",
                            e);
                })
                .onComplete(r -> round = false);
    }

    /** Whether the copy may answer verify: every shard caught up within {@link #FRESH_MS}. */
    boolean fresh() {
        long at = caughtUpAt;
        return at != 0 && !handedOver && System.nanoTime() - at < TimeUnit.MILLISECONDS.toNanos(FRESH_MS);
    }

    /**
     * Following stops and its stores and followers go to the takeover, after the round in flight
     * (the followers' writer threads run it first); {@code null} when there are none (they failed
     * to open: the takeover opens them as a restart does).
     */
    Future<Followed> handOver() {
        handedOver = true;
        vertx.cancelTimer(timer);
        timer = -1;
        return followed == null ? Future.succeededFuture() : followed.otherwise((Followed) null);
    }

    /** Following stops; the followers and stores close once they are open. */
    Future<Void> stop() {
        Future<Followed> fl = handOver();
        return fl.compose(f -> f == null
                ? Future.succeededFuture()
                : vertx.executeBlocking(
                                () -> {
                                    for (Sequencer s : f.sequencers()) {
                                        s.close();
                                    }
                                    return null;
                                },
                                false)
                        .compose(v -> close(f.parts())));
    }

    private Future<Void> close(Assembly.Opened parts) {
        return vertx.executeBlocking(
                () -> {
                    parts.own().forEach(CodeStore::close);
                    return null;
                },
                false);
    }

    /** {@code {"following": [{"shard", "appliedSequence"}], "caughtUpMsAgo", "followError"}}, for {@code /health}. */
    private JsonObject health(Followed fl) {
        long at = caughtUpAt;
        return new JsonObject()
                .put("following", applied(fl))
                .put("caughtUpMsAgo", at == 0 ? null : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at))
                .put("followError", lastError);
    }

    private static JsonArray applied(Followed fl) {
        JsonArray out = new JsonArray();
        for (Sequencer s : fl.sequencers()) {
            out.add(new JsonObject().put("shard", s.shard()).put("appliedSequence", s.appliedSequence()));
        }
        return out;
    }
}
