package io.lacak.api;

import io.lacak.api.http.ApiVerticle;
import io.lacak.api.http.Front;
import io.lacak.api.http.ShardNode;
import io.lacak.api.verify.RateLimiter;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardLease;
import io.lacak.registration.notice.Mailer;
import io.lacak.registration.notice.NoticeMail;
import io.lacak.registration.notice.SmtpOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole server, assembled: Postgres (embedded or external), the serial keys, the code store,
 * the sequencer (which replays the journal into the store), accounts, and the HTTP verticle; the
 * custody indexer (chain of custody and notifications) follows the journal in the background.
 *
 * <p>{@code Lacak.start(Lacak.vertx(), LacakConfig.defaults()).onSuccess(l -> System.out.println(l.port()));}
 */
public final class Lacak {

    private static final Logger LOG = Logger.getLogger(Lacak.class.getName());

    private final Vertx vertx;
    private final LacakConfig config;
    private final Mailer mailer;
    private final Database db;
    /** Issue 21: a cluster node's role on the shard ({@code LACAK_NODE}); {@code null} on the only node. */
    private final ShardNode shard;
    /** Built when this node writes: at start on the only node, when it takes the shard on a cluster node. */
    private volatile Services services;

    private ApiVerticle api;
    private String deployment;
    /** A cluster node's server, bound once: the standby's routes first, the full API's once it owns the shard. */
    private Front front;

    /** Issue 21: a standby's copy of the shards; {@code null} on the only node and on a node that owned at once. */
    private Standby standby;

    private boolean stopping;
    private long leaseTimer = -1;
    /** The indexer, e-mail and sweeps, once this node writes. */
    private Background background;

    private String generatedAdminPassword;
    private Demo demo;

    private Lacak(Vertx vertx, LacakConfig config, Mailer mailer, Database db, ShardNode shard) {
        this.vertx = vertx;
        this.config = config;
        this.mailer = mailer;
        this.db = db;
        this.shard = shard;
    }

    /**
     * A Vert.x with Prometheus metrics. Its HTTP server metrics are off: they looked a counter, a timer
     * and two summaries up by tags on every request (issue 19); the API times its requests itself, one
     * timer per route group registered at start ({@code lacak_http_server_requests_seconds}). Worker
     * pools, the event bus and the clients keep Vert.x's metrics (per task or query, never per request).
     */
    public static Vertx vertx() {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                .setLabels(EnumSet.of(Label.POOL_TYPE, Label.POOL_NAME));
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory())
                .build();
    }

    /** Starts with the SMTP mailer when {@code LACAK_SMTP_HOST} is set, else the logging one. */
    public static Future<Lacak> start(Vertx vertx, LacakConfig config) {
        Mailer mailer;
        try {
            SmtpOptions smtp = config.smtpOptions();
            mailer = smtp == null ? Mailer.logging() : Mailer.smtp(vertx, smtp);
            if (smtp != null) {
                LOG.info("e-mail by " + smtp); // without the password
            }
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return start(vertx, config, mailer);
    }

    /**
     * Starts with {@code mailer} delivering the outbox (one-time links reach people only by it). A
     * cluster node ({@code LACAK_NODE}) listens first, as a standby that forwards to the shard's
     * owner; it is started once it holds the shard, or at once as a standby while another node holds
     * it (then it takes the shard over when that node's lease runs out, without a restart).
     */
    public static Future<Lacak> start(Vertx vertx, LacakConfig config, Mailer mailer) {
        RateLimiter.trustProxies(config.trustedProxies()); // X-Forwarded-For only from these (LACAK_TRUSTED_PROXIES)
        return Database.start(
                        vertx,
                        new DatabaseOptions()
                                .setDataDir(config.dataDir())
                                .setUrl(config.pgUrl())
                                .setShards(config.shards()))
                .compose(db -> {
                    if (config.node() == null) {
                        Lacak lacak = new Lacak(vertx, config, mailer, db, null);
                        return lacak.open(null).map(lacak);
                    }
                    Lacak lacak = new Lacak(
                            vertx,
                            config,
                            mailer,
                            db,
                            ShardNode.create(vertx, db.pool(), config.node(), config.lease()));
                    return lacak.standBy();
                });
    }

    /**
     * Issue 21: listens as a standby, then takes the shard if it is free (start-up goes on as the
     * only node's), else completes as a standby and keeps trying in the background.
     */
    private Future<Lacak> standBy() {
        return Front.listen(vertx, config)
                .compose(f -> {
                    front = f;
                    return front.serveStandby(shard);
                })
                .compose(v -> ShardLease.tryAcquire(db.pool(), shards(), config.node(), address(), config.lease()))
                .compose(leases -> {
                    if (leases != null) {
                        return takeOver(leases).map(this);
                    }
                    LOG.info("node " + config.node() + ": standby on port " + front.port()
                            + ", forwarding to the shard's owner and waiting for its lease");
                    standby = new Standby(vertx, config, db, shard, front);
                    standby.start();
                    waitForLease();
                    return Future.succeededFuture(this);
                });
    }

    /** In the background: the lease when the owner's runs out; after Postgres failed to answer, again. */
    private void waitForLease() {
        ShardLease.acquire(vertx, db.pool(), shards(), config.node(), address(), config.lease())
                .onSuccess(leases -> takeOver(leases).onFailure(e -> notTaken(leases, e)))
                .onFailure(e -> {
                    if (!stopping) {
                        LOG.log(Level.WARNING, "asking for the shard's lease failed; trying again", e);
                        vertx.setTimer(config.lease().toMillis(), t -> waitForLease());
                    }
                });
    }

    /**
     * A takeover that failed (Postgres away while the stores caught up, say) gives the shards back at
     * once, so that another node takes them within the lease instead of none answering; this node's
     * {@code /health} then says DOWN until it is restarted.
     */
    private void notTaken(List<ShardLease> leases, Throwable e) {
        LOG.log(Level.SEVERE, "taking the shards over failed; they are given back: restart the node", e);
        vertx.cancelTimer(leaseTimer);
        leaseTimer = -1;
        if (background != null) {
            background.stop();
        }
        shard.failed("taking the shards over failed: " + e.getMessage());
        for (ShardLease lease : leases) {
            lease.release().onFailure(x -> LOG.log(Level.WARNING, "giving shard " + lease.shard() + " back failed", x));
        }
    }

    /**
     * The shards this node writes ({@code LACAK_NODE_SHARDS}, by default all): it holds their leases
     * together (issue 21).
     */
    private List<Integer> shards() {
        return config.nodeShards();
    }

    /** Where the other nodes reach this one: {@code LACAK_NODE_ADDRESS}, else the host and bound port. */
    private String address() {
        return config.nodeAddress() != null ? config.nodeAddress() : "http://" + config.host() + ":" + front.port();
    }

    /**
     * This node holds the shard now: its store catches up from the journal (the sequencer's start),
     * then the full API replaces the standby's routes on the same server.
     */
    private Future<Void> takeOver(List<ShardLease> leases) {
        if (stopping) {
            return Future.succeededFuture();
        }
        LOG.info("node " + config.node() + " holds shards " + shards() + ": catching their stores up from the journal");
        // renewed from now on: a replay longer than the lease must not lose it
        leaseTimer = vertx.setPeriodic(leases.get(0).renewEvery().toMillis(), t -> renew(leases));
        Future<Standby.Followed> warm = standby == null ? Future.succeededFuture() : standby.handOver();
        return warm.compose(fl -> open(leases, fl))
                .onSuccess(v -> LOG.info("node " + config.node() + " writes shards " + shards()
                        + (services == null
                                ? ""
                                : "; events replayed to catch up: "
                                        + services.writers().members().stream()
                                                .map(m -> m.sequencer().replayedToLead() < 0
                                                        ? m.sequencer().replayed()
                                                        : m.sequencer().replayedToLead())
                                                .toList())));
    }

    /**
     * Opens the store, starts the sequencer (which replays what the store lacks), builds the services
     * and serves them; with {@code leases}, on the node's {@link Front}, every shard's commit fenced by
     * its lease.
     */
    private Future<Void> open(List<ShardLease> leases) {
        return open(leases, null);
    }

    /**
     * As {@link #open(List)}; with {@code fl}, a standby's followed stores: what was registered since
     * its reference data was loaded is added to it, and each follower, fenced by its lease, replays
     * what the owner wrote since and becomes the writer.
     */
    private Future<Void> open(List<ShardLease> leases, Standby.Followed fl) {
        Future<Standby.Followed> writing = fl == null
                ? vertx.executeBlocking(() -> {
                            Assembly.sweepLeftovers(config);
                            return Assembly.open(config); // memory-mapped files and key files block: a worker thread
                        })
                        .compose(parts -> Assembly.writers(vertx, config, db, parts) // one per shard, each replayed
                                .map(sequencers -> new Standby.Followed(parts, sequencers)))
                : Sequencer.refreshReferenceData(
                                db.pool(), fl.sequencers().get(0).referenceData())
                        .compose(v -> Future.all(
                                fl.sequencers().stream().map(Sequencer::lead).toList()))
                        .map(fl);
        return writing.map(w -> {
                    List<Sequencer> sequencers = w.sequencers();
                    Assembly.Opened parts = w.parts();
                    Assembly.fence(sequencers, leases); // every commit renews its shard's lease, or fails once lost
                    services = Assembly.services(vertx, config, db, sequencers, parts);
                    io.lacak.core.journal.ReferenceFollower references = null;
                    if (shard != null && !services.writers().writesAll()) {
                        // issue 21: what other nodes made, taken in every second (Background), and before a
                        // request another node sent on is read when that node knew more (one follower for both)
                        var ref = services.writers().referenceData();
                        references = io.lacak.core.journal.ReferenceFollower.fromNow(db.pool(), ref);
                        shard.forwarder().references(ref, references::follow);
                    }
                    api = new ApiVerticle(config, services, parts.metricsToken(), shard, front);
                    background = new Background(vertx, config, services, mailer, new NoticeMail(db.pool()), references);
                    return services;
                })
                .compose(s -> s.registration()
                        .accounts()
                        .bootstrapRegulator(config.adminUser(), config.adminPassword())
                        .map(generated -> generatedAdminPassword = generated))
                .compose(v -> !config.demo()
                        ? Future.succeededFuture()
                        : Demo.seed(services).map(d -> demo = d))
                .compose(v -> services.uploadJobs().resume()) // uploads a stop interrupted
                .compose(v -> stopping // a stop during the takeover: nothing more is served
                        ? Future.failedFuture(new IllegalStateException("the node is stopping"))
                        : vertx.deployVerticle(api)) // its router replaces the standby's on the front
                .map(id -> {
                    deployment = id;
                    if (leases != null) {
                        shard.took(leases); // from here /api/ is answered here, not forwarded
                    }
                    if (leases != null && !leases.stream().allMatch(ShardLease::held)) {
                        return null; // replaced while it caught up: the new owner does the background work
                    }
                    if (!stopping) {
                        background.start();
                    }
                    return null;
                });
    }

    /**
     * Between commits too: an idle owner keeps its shard. A lost lease stops the writer at its next
     * commit; from then on this node forwards (the HTTP side asks the lease) and its background work
     * (custody indexing, e-mail, sweeps) stops: the new owner does it.
     */
    private void renew(List<ShardLease> leases) {
        for (ShardLease lease : leases) {
            if (!lease.held()) {
                replaced(lease);
                return;
            }
        }
        for (ShardLease lease : leases) {
            lease.renew().onFailure(e -> {
                LOG.log(
                        e instanceof ShardLease.Lost ? Level.SEVERE : Level.WARNING,
                        "renewing the lease on shard " + lease.shard() + " failed",
                        e);
                if (!lease.held()) {
                    replaced(lease);
                }
            });
        }
    }

    private void replaced(ShardLease lease) {
        if (leaseTimer == -1) {
            return;
        }
        LOG.severe("node " + lease.node() + " lost shard " + lease.shard()
                + ": it forwards to the new owner from now on; restart it to make it a standby again");
        vertx.cancelTimer(leaseTimer);
        leaseTimer = -1;
        if (background != null) {
            background.stop();
        }
    }

    /** The port the HTTP server listens on (the standby's, until a cluster node takes the shard). */
    public int port() {
        return front != null ? front.port() : api.port();
    }

    /** The database, on every node (a standby's too, which has no {@link #services()}). */
    public Database database() {
        return db;
    }

    public String describeDatabase() {
        return db.describe();
    }

    /** {@code null} on a cluster node that has not taken the shard (yet). */
    public Services services() {
        return services;
    }

    /** Issue 21: this cluster node's role on the shard; {@code null} on the only node. */
    public ShardNode shard() {
        return shard;
    }

    /** The password of the first regulator account when this start generated it, else {@code null}. */
    public String generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** The demo seeded by {@code serve --demo}, or {@code null}. */
    public Demo demo() {
        return demo;
    }

    /**
     * Graceful stop: no new requests, reports already submitted finish and are journaled, then the
     * store and Postgres close.
     */
    public Future<Void> stop() {
        stopping = true;
        vertx.cancelTimer(leaseTimer);
        if (background != null) {
            background.stop();
        }
        Future<Void> servers = Future.succeededFuture();
        if (front != null) {
            servers = front.close();
        }
        if (deployment != null) {
            servers = servers.eventually(() -> vertx.undeploy(deployment));
        }
        return servers.eventually(() -> services == null
                        ? (standby == null ? Future.<Void>succeededFuture() : standby.stop())
                        : vertx.executeBlocking(() -> {
                            services.writers().close();
                            for (var m : services.writers().members()) {
                                m.store().close();
                            }
                            return null;
                        }))
                .eventually(mailer::close)
                .eventually(db::close)
                .mapEmpty();
    }
}
