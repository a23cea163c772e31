package io.lacak.api;

import io.lacak.api.http.ApiVerticle;
import io.lacak.api.http.Front;
import io.lacak.api.http.ShardNode;
import io.lacak.api.verify.RateLimiter;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardLease;
import io.lacak.core.store.CodeStore;
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
    /** How often the custody indexer looks for new journal events. */
    private static final long INDEX_EVERY_MS = 500;
    /** How often the outbox hands new messages to the e-mail adapter. */
    private static final long MAIL_EVERY_MS = 2_000;

    private static final long SWEEP_EVERY_MS = 60 * 60 * 1000;
    /** How often a standby's stores follow the owner's journal (issue 21). */
    private static final long FOLLOW_EVERY_MS = 250;
    /** How often files that interrupted uploads left behind are looked for (also at start). */
    private static final long LEFTOVERS_EVERY_MS = 15 * 60 * 1000;

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

    /** Issue 21: a standby's stores and their followers, kept caught up with the owner's journal. */
    private record Followed(Assembly.Opened parts, List<Sequencer> sequencers) {}

    /** A standby's copy of the shards, once opened; {@code null} on the only node and on a node that owned at once. */
    private Future<Followed> followed;

    private long followTimer = -1;
    private boolean following;

    private boolean stopping;
    private long leaseTimer = -1;
    private long indexTimer = -1;
    private long mailTimer = -1;
    private long sweepTimer = -1;
    private long leftoverTimer = -1;
    private boolean indexing;
    private boolean mailing;
    private NoticeMail noticeMail;
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
                    followed = follow();
                    waitForLease();
                    return Future.succeededFuture(this);
                });
    }

    /** In the background: the lease when the owner's runs out; after Postgres failed to answer, again. */
    private void waitForLease() {
        ShardLease.acquire(vertx, db.pool(), shards(), config.node(), address(), config.lease())
                .onSuccess(leases -> takeOver(leases)
                        .onFailure(e -> LOG.log(Level.SEVERE, "taking the shard over failed; restart the node", e)))
                .onFailure(e -> {
                    if (!stopping) {
                        LOG.log(Level.WARNING, "asking for the shard's lease failed; trying again", e);
                        vertx.setTimer(config.lease().toMillis(), t -> waitForLease());
                    }
                });
    }

    /**
     * A standby opens its own stores and follows the owner's journal into them, every {@link
     * #FOLLOW_EVERY_MS}: taking the shards over then replays what the owner wrote in the last moments,
     * not the whole journal (a shard of 500 M codes takes about an hour from zero). Until then the
     * stores serve nothing; a failure here only leaves the catching up to the takeover.
     */
    private Future<Followed> follow() {
        Future<Followed> f = vertx.executeBlocking(() -> {
                    Assembly.sweepLeftovers(config);
                    return Assembly.open(config);
                })
                .compose(parts -> Assembly.followers(vertx, config, db, parts)
                        .map(sequencers -> new Followed(parts, sequencers))
                        .onFailure(e -> vertx.executeBlocking(
                                () -> {
                                    parts.stores().forEach(CodeStore::close);
                                    return null;
                                },
                                false)));
        return f.onSuccess(fl -> {
                    shard.following(() -> applied(fl));
                    if (config.standbyVerify() && services == null && !stopping) {
                        front.serveStandby(shard, (root, owner) -> Assembly.standbyVerify(
                                                vertx, config, db, fl.parts(), fl.sequencers())
                                        .mountOnStandby(root, owner, config.node()))
                                .onFailure(e -> LOG.log(Level.WARNING, "serving verify on the standby failed", e));
                    }
                    if (!stopping && services == null && leaseTimer == -1) {
                        followTimer = vertx.setPeriodic(FOLLOW_EVERY_MS, t -> followJournal(fl));
                    }
                    LOG.info("node " + config.node() + " follows the shards' journals into its own stores: "
                            + applied(fl));
                })
                .onFailure(e -> LOG.log(
                        Level.WARNING,
                        "following the shards' journals failed; the stores catch up when this node takes them over",
                        e));
    }

    /** One round of following: every shard's store caught up with its journal. */
    private void followJournal(Followed fl) {
        if (following) {
            return;
        }
        following = true;
        Future.all(fl.sequencers().stream().map(Sequencer::follow).toList())
                .onFailure(e -> LOG.log(Level.FINE, "following the journal failed; trying again", e))
                .onComplete(r -> following = false);
    }

    /** {@code [{"shard", "appliedSequence"}]} of a standby's followed stores, for {@code /health}. */
    private static io.vertx.core.json.JsonArray applied(Followed fl) {
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        for (Sequencer s : fl.sequencers()) {
            out.add(new io.vertx.core.json.JsonObject()
                    .put("shard", s.shard())
                    .put("appliedSequence", s.appliedSequence()));
        }
        return out;
    }

    /** Every shard: a cluster node holds the leases of all of them together (issue 21). */
    private List<Integer> shards() {
        return java.util.stream.IntStream.range(0, config.shards()).boxed().toList();
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
        vertx.cancelTimer(followTimer);
        followTimer = -1;
        Future<Followed> warm = followed == null ? Future.succeededFuture() : followed.otherwise((Followed) null);
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
    private Future<Void> open(List<ShardLease> leases, Followed fl) {
        Future<Followed> writing = fl == null
                ? vertx.executeBlocking(() -> {
                            Assembly.sweepLeftovers(config);
                            return Assembly.open(config); // memory-mapped files and key files block: a worker thread
                        })
                        .compose(parts -> Assembly.writers(vertx, config, db, parts) // one per shard, each replayed
                                .map(sequencers -> new Followed(parts, sequencers)))
                : Sequencer.refreshReferenceData(
                                db.pool(), fl.sequencers().get(0).referenceData())
                        .compose(v -> Future.all(
                                fl.sequencers().stream().map(Sequencer::lead).toList()))
                        .map(fl);
        return writing.map(w -> {
                    List<Sequencer> sequencers = w.sequencers();
                    Assembly.Opened parts = w.parts();
                    for (int i = 0; leases != null && i < leases.size(); i++) {
                        // every commit renews its shard's lease, or fails once it is lost
                        sequencers.get(i).fencedBy(leases.get(i));
                    }
                    services = Assembly.services(vertx, config, db, sequencers, parts);
                    api = new ApiVerticle(config, services, parts.metricsToken(), shard, front);
                    noticeMail = new NoticeMail(db.pool());
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
                .compose(v -> vertx.deployVerticle(api)) // its router replaces the standby's on the front
                .map(id -> {
                    deployment = id;
                    if (leases != null) {
                        shard.took(leases); // from here /api/ is answered here, not forwarded
                    }
                    if (leases != null && !leases.stream().allMatch(ShardLease::held)) {
                        return null; // replaced while it caught up: the new owner does the background work
                    }
                    indexTimer = vertx.setPeriodic(INDEX_EVERY_MS, t -> index());
                    mailTimer = vertx.setPeriodic(MAIL_EVERY_MS, t -> mail());
                    sweepTimer = vertx.setPeriodic(1, SWEEP_EVERY_MS, t -> sweep());
                    leftoverTimer = vertx.setPeriodic(
                            LEFTOVERS_EVERY_MS, t -> vertx.executeBlocking(() -> Assembly.sweepLeftovers(config), false)
                                    .onFailure(e -> LOG.log(
                                            Level.WARNING, "cleaning the upload directory failed; retrying", e)));
                    return null;
                });
    }

    /** Chain of custody and notifications follow the journal, off the report path. */
    private void index() {
        if (indexing
                || services.writers().members().stream().allMatch(m -> m.store().appliedSequence() == 0)) {
            return;
        }
        indexing = true;
        services.writers()
                .catchUp() // every shard's
                .onFailure(e -> LOG.log(Level.WARNING, "custody indexing failed; retrying", e))
                .onComplete(r -> indexing = false);
    }

    /** Seed 000: drafts not submitted within 5 working days are deleted (at start, then hourly). */
    private void sweep() {
        services.registration()
                .productApplications()
                .sweepDrafts()
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info(n + " product registration drafts deleted: not submitted within 5 working days");
                    }
                })
                .onFailure(e -> LOG.log(Level.WARNING, "deleting expired drafts failed; retrying in an hour", e));
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
        for (long t : new long[] {leaseTimer, indexTimer, mailTimer, sweepTimer, leftoverTimer}) {
            vertx.cancelTimer(t);
        }
        leaseTimer = -1;
    }

    /**
     * Notifications to people leave by e-mail (the logging adapter by default), each once, failed
     * sends again later (Outbox.Retry); facility notifications are queued for their accounts first
     * (Lampiran K.7, L.a.7, L.b.7: "pada dashboard dan email").
     */
    private void mail() {
        if (mailing) {
            return;
        }
        mailing = true;
        noticeMail
                .queue(500)
                .recover(e -> {
                    LOG.log(Level.WARNING, "queueing notification e-mail failed; retrying", e);
                    return Future.succeededFuture(0); // what is queued already still goes
                })
                .compose(n -> services.registration().outbox().deliver(mailer, 100))
                .onFailure(e -> LOG.log(Level.WARNING, "outbox delivery failed; retrying", e))
                .onComplete(r -> mailing = false);
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
        vertx.cancelTimer(indexTimer);
        vertx.cancelTimer(mailTimer);
        vertx.cancelTimer(sweepTimer);
        vertx.cancelTimer(leftoverTimer);
        vertx.cancelTimer(followTimer);
        Future<Void> servers = Future.succeededFuture();
        if (front != null) {
            servers = front.close();
        }
        if (deployment != null) {
            servers = servers.eventually(() -> vertx.undeploy(deployment));
        }
        return servers.eventually(() -> services == null
                        ? closeFollowed()
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

    /** A standby's followers and stores, closed (after a round of following in flight). */
    private Future<Void> closeFollowed() {
        if (followed == null) {
            return Future.succeededFuture();
        }
        return followed.otherwise((Followed) null)
                .compose(fl -> fl == null
                        ? Future.succeededFuture()
                        : vertx.executeBlocking(() -> {
                            for (Sequencer s : fl.sequencers()) {
                                s.close();
                            }
                            fl.parts().stores().forEach(CodeStore::close);
                            return null;
                        }));
    }
}
