package io.lacak.api;

import io.lacak.api.complaint.Complaints;
import io.lacak.api.http.MetricsToken;
import io.lacak.api.upload.Leftovers;
import io.lacak.api.upload.UploadRoutes;
import io.lacak.api.verify.IssuedSerials;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.verify.Verifier;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.db.Database;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.ingest.upload.UploadJobs;
import io.lacak.registration.Registration;
import io.lacak.registration.account.TokenSecret;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/** How {@link Lacak} puts the server's parts together: {@code Assembly.services(vertx, config, db, sequencer, Assembly.open(config))}. */
final class Assembly {

    private static final Logger LOG = Logger.getLogger(Assembly.class.getName());

    private Assembly() {}

    /** What start-up opens on a worker before the services are built: files and keys. */
    record Opened(SerialKeys keys, CodeStore store, byte[] tokenSecret, String metricsToken) {}

    /** Opens the keys, the token secret, the store and the metrics token. Blocking. */
    static Opened open(LacakConfig config) {
        SerialKeys keys = config.loadSerialKeys();
        byte[] tokenSecret = TokenSecret.load(config.dataDir().resolve("keys").resolve("jwt.key"), config.jwtSecret());
        CodeStore store = CodeStore.open(config.storeOptions());
        String metricsToken =
                MetricsToken.load(config.dataDir().resolve("keys").resolve("metrics.token"), config.metricsToken());
        return new Opened(keys, store, tokenSecret, metricsToken);
    }

    /** The services over the sequencer's reference data and ledger. */
    static Services services(Vertx vertx, LacakConfig config, Database db, Sequencer sequencer, Opened parts) {
        Clock clock = config.clock();
        CodeStore store = parts.store();
        var ref = sequencer.referenceData();
        Registration registration = Registration.create(
                vertx, db.pool(), ref, parts.tokenSecret(), WorkingDays.of(config.holidays()), clock);
        Gs1Codec codec = Gs1Codec.create(new Gs1Profile().setClock(clock));
        IssuedSerials issued = new IssuedSerials(ref, parts.keys());
        UploadJobs jobs = new UploadJobs(
                vertx, db.pool(), sequencer, codec, config.dataDir().resolve("uploads"));
        return new Services(
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
                        new UploadRoutes.Limits(config.uploadLimit(), config.uploadQuota(), config.uploadDiskFloor()),
                        clock),
                jobs,
                new Services.Guards(
                        new RateLimiter(config.verifyRate()),
                        RateLimiter.perMinute(config.loginRate()),
                        RateLimiter.perMinute(config.loginAccountRate())));
    }

    /**
     * Deletes what interrupted uploads left in {@code <data>/uploads} ({@code incoming-*}, {@code tmp/}):
     * files unchanged for an hour, or twice the idle timeout if that is longer (a file being received
     * is written at least once per idle timeout). Blocking.
     */
    static int sweepLeftovers(LacakConfig config) {
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
}
