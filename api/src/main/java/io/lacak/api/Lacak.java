package io.lacak.api;

import io.lacak.api.complaint.Complaints;
import io.lacak.api.http.ApiVerticle;
import io.lacak.api.http.MetricsToken;
import io.lacak.api.upload.Leftovers;
import io.lacak.api.upload.UploadRoutes;
import io.lacak.api.verify.IssuedSerials;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.verify.Verifier;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardLease;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.ingest.upload.UploadJobs;
import io.lacak.registration.Registration;
import io.lacak.registration.account.TokenSecret;
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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
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
    /** How often files that interrupted uploads left behind are looked for (also at start). */
    private static final long LEFTOVERS_EVERY_MS = 15 * 60 * 1000;

    private final Vertx vertx;
    private final Services services;
    private final ApiVerticle api;
    private String deployment;
    private long leaseTimer = -1;
    private long indexTimer = -1;
    private long mailTimer = -1;
    private long sweepTimer = -1;
    private long leftoverTimer = -1;
    private boolean indexing;
    private boolean mailing;
    private Mailer mailer = Mailer.logging();
    private NoticeMail noticeMail;
    private String generatedAdminPassword;
    private Demo demo;

    private Lacak(Vertx vertx, Services services, ApiVerticle api) {
        this.vertx = vertx;
        this.services = services;
        this.api = api;
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

    /** What start-up opens on a worker before the services are built: files and keys. */
    private record Opened(Database db, SerialKeys keys, CodeStore store, byte[] tokenSecret, String metricsToken) {}

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

    /** Starts with {@code mailer} delivering the outbox (one-time links reach people only by it). */
    public static Future<Lacak> start(Vertx vertx, LacakConfig config, Mailer mailer) {
        Clock clock = config.clock();
        RateLimiter.trustProxies(config.trustedProxies()); // X-Forwarded-For only from these (LACAK_TRUSTED_PROXIES)
        UploadJobs[] lacakJobs = new UploadJobs[1];
        ShardLease[] lease = new ShardLease[1];
        return Database.start(
                        vertx,
                        new DatabaseOptions().setDataDir(config.dataDir()).setUrl(config.pgUrl()))
                .compose(db -> takeShard(vertx, db, config).map(l -> {
                    lease[0] = l; // a cluster node writes only once it holds the shard: until then it waits here
                    return db;
                }))
                .compose(db -> vertx.executeBlocking(() -> {
                    // Opening memory-mapped files and key files blocks: a worker thread.
                    SerialKeys keys = config.loadSerialKeys();
                    byte[] tokenSecret =
                            TokenSecret.load(config.dataDir().resolve("keys").resolve("jwt.key"), config.jwtSecret());
                    CodeStore store = CodeStore.open(config.storeOptions());
                    String metricsToken = MetricsToken.load(
                            config.dataDir().resolve("keys").resolve("metrics.token"), config.metricsToken());
                    sweepLeftovers(config);
                    return new Opened(db, keys, store, tokenSecret, metricsToken);
                }))
                .compose(parts -> {
                    Database db = parts.db();
                    SerialKeys keys = parts.keys();
                    CodeStore store = parts.store();
                    return Sequencer.start(
                                    vertx,
                                    db.pool(),
                                    store,
                                    keys,
                                    clock,
                                    WorkingDays.of(config.holidays()),
                                    config.dataDir().resolve("staging")) // a big file's uncommitted chunks
                            .map(sequencer -> {
                                if (lease[0] != null) {
                                    sequencer.fencedBy(lease[0]); // every commit renews it, or fails once it is lost
                                }
                                var ref = sequencer.referenceData();
                                Registration registration = Registration.create(
                                        vertx,
                                        db.pool(),
                                        ref,
                                        parts.tokenSecret(),
                                        WorkingDays.of(config.holidays()),
                                        clock);
                                Gs1Codec codec = Gs1Codec.create(new Gs1Profile().setClock(clock));
                                IssuedSerials issued = new IssuedSerials(ref, keys);
                                UploadJobs jobs = new UploadJobs(
                                        vertx,
                                        db.pool(),
                                        sequencer,
                                        codec,
                                        config.dataDir().resolve("uploads"));
                                Services s = new Services(
                                        db,
                                        store,
                                        sequencer,
                                        new Custody(vertx, db.pool(), store, ref),
                                        new Notifications(db.pool()),
                                        codec,
                                        clock,
                                        registration,
                                        new Verifier(
                                                sequencer.ledger(),
                                                ref,
                                                issued,
                                                registration.products(),
                                                codec,
                                                new Alerts(db.pool(), ref),
                                                config.cloneClients(),
                                                clock),
                                        issued,
                                        new Complaints(db.pool()),
                                        new UploadRoutes(
                                                vertx,
                                                jobs,
                                                ref,
                                                registration.authenticator(),
                                                new UploadRoutes.Limits(
                                                        config.uploadLimit(),
                                                        config.uploadQuota(),
                                                        config.uploadDiskFloor()),
                                                clock),
                                        jobs,
                                        new Services.Guards(
                                                new RateLimiter(config.verifyRate()),
                                                RateLimiter.perMinute(config.loginRate()),
                                                RateLimiter.perMinute(config.loginAccountRate())));
                                lacakJobs[0] = jobs;
                                Lacak lacak = new Lacak(vertx, s, new ApiVerticle(config, s, parts.metricsToken()));
                                lacak.mailer = mailer;
                                lacak.noticeMail = new NoticeMail(db.pool());
                                return lacak;
                            });
                })
                .compose(lacak -> lacak.services
                        .registration()
                        .accounts()
                        .bootstrapRegulator(config.adminUser(), config.adminPassword())
                        .map(generated -> {
                            lacak.generatedAdminPassword = generated;
                            return lacak;
                        }))
                .compose(lacak -> !config.demo()
                        ? Future.succeededFuture(lacak)
                        : Demo.seed(lacak.services).map(d -> {
                            lacak.demo = d;
                            return lacak;
                        }))
                .compose(lacak -> lacakJobs[0].resume().map(n -> lacak)) // uploads a stop interrupted
                .compose(lacak -> vertx.deployVerticle(lacak.api).map(id -> {
                    lacak.deployment = id;
                    if (lease[0] != null) {
                        lacak.leaseTimer =
                                vertx.setPeriodic(lease[0].renewEvery().toMillis(), t -> lacak.renew(lease[0]));
                    }
                    lacak.indexTimer = vertx.setPeriodic(INDEX_EVERY_MS, t -> lacak.index());
                    lacak.mailTimer = vertx.setPeriodic(MAIL_EVERY_MS, t -> lacak.mail());
                    lacak.sweepTimer = vertx.setPeriodic(1, SWEEP_EVERY_MS, t -> lacak.sweep());
                    lacak.leftoverTimer = vertx.setPeriodic(
                            LEFTOVERS_EVERY_MS, t -> vertx.executeBlocking(() -> sweepLeftovers(config), false)
                                    .onFailure(e -> LOG.log(
                                            Level.WARNING, "cleaning the upload directory failed; retrying", e)));
                    return lacak;
                }));
    }

    /**
     * Deletes what interrupted uploads left in {@code <data>/uploads} ({@code incoming-*}, {@code tmp/}):
     * files unchanged for an hour, or twice the idle timeout if that is longer (a file being received
     * is written at least once per idle timeout). Blocking.
     */
    private static int sweepLeftovers(LacakConfig config) {
        Duration age = Duration.ofHours(1).compareTo(config.idleTimeout().multipliedBy(2)) >= 0
                ? Duration.ofHours(1)
                : config.idleTimeout().multipliedBy(2);
        int n = Leftovers.sweep(config.dataDir().resolve("uploads"), age);
        if (n > 0) {
            LOG.info(n + " files of interrupted uploads deleted from "
                    + config.dataDir().resolve("uploads"));
        }
        return n;
    }

    /** Chain of custody and notifications follow the journal, off the report path. */
    private void index() {
        if (indexing || services.store().appliedSequence() == 0) {
            return;
        }
        indexing = true;
        services.custody()
                .catchUp()
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
     * Notifications to people leave by e-mail (the logging adapter by default), each once, failed
     * sends again later (Outbox.Retry); facility notifications are queued for their accounts first
     * (Lampiran K.7, L.a.7, L.b.7: "pada dashboard dan email").
     */
    /**
     * Issue 21: with {@code LACAK_NODE}, the lease on shard 0 (one shard so far), waited for while
     * another node holds it; without, {@code null}: the only node takes no lease.
     */
    private static Future<ShardLease> takeShard(Vertx vertx, Database db, LacakConfig config) {
        if (config.node() == null) {
            return Future.succeededFuture(null);
        }
        LOG.info("node " + config.node() + ": waiting for the lease on shard 0");
        return ShardLease.acquire(
                vertx, db.pool(), 0, config.node(), "http://" + config.host() + ":" + config.port(), config.lease());
    }

    /** Between commits too: an idle owner keeps its shard. A lost lease stops the writer at its next commit. */
    private void renew(ShardLease lease) {
        lease.renew()
                .onFailure(e -> LOG.log(
                        e instanceof ShardLease.Lost ? Level.SEVERE : Level.WARNING,
                        "renewing the lease on shard " + lease.shard() + " failed",
                        e));
    }

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

    /** The port the HTTP server listens on. */
    public int port() {
        return api.port();
    }

    public String describeDatabase() {
        return services.database().describe();
    }

    public Services services() {
        return services;
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
        vertx.cancelTimer(leaseTimer);
        vertx.cancelTimer(indexTimer);
        vertx.cancelTimer(mailTimer);
        vertx.cancelTimer(sweepTimer);
        vertx.cancelTimer(leftoverTimer);
        return vertx.undeploy(deployment)
                .eventually(() -> vertx.executeBlocking(() -> {
                    services.sequencer().close();
                    services.store().close();
                    return null;
                }))
                .eventually(mailer::close)
                .eventually(services.database()::close)
                .mapEmpty();
    }
}
