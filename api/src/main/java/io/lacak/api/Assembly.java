package io.lacak.api;

import io.lacak.api.complaint.Complaints;
import io.lacak.api.http.MetricsToken;
import io.lacak.api.upload.Leftovers;
import io.lacak.api.upload.UploadRoutes;
import io.lacak.api.verify.IssuedSerials;
import io.lacak.api.verify.RateLimiter;
import io.lacak.api.verify.Verifier;
import io.lacak.api.verify.VerifyRoutes;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.db.Database;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.journal.Shards;
import io.lacak.core.serial.KeyCheck;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.ingest.upload.UploadJobs;
import io.lacak.registration.Registration;
import io.lacak.registration.account.TokenSecret;
import io.lacak.registration.product.Products;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** How {@link Lacak} puts the server's parts together: {@code Assembly.services(vertx, config, db, sequencers, Assembly.open(config))}. */
final class Assembly {

    private static final Logger LOG = Logger.getLogger(Assembly.class.getName());

    private Assembly() {}

    /** What start-up opens on a worker before the services are built: files and keys. */
    record Opened(SerialKeys keys, List<CodeStore> stores, byte[] tokenSecret, String metricsToken) {
        /** The store of this node's first shard (shard 0's on the only node). */
        CodeStore store() {
            return stores.stream()
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElseThrow();
        }

        /** This node's stores. */
        List<CodeStore> own() {
            return stores.stream().filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * Opens the keys, the token secret, the store of each shard this node writes ({@code
     * LACAK_NODE_SHARDS}, by default every one of {@code LACAK_SHARDS}; {@code null} in {@code
     * stores} for the others) and the metrics token. Blocking.
     */
    static Opened open(LacakConfig config) {
        SerialKeys keys = config.loadSerialKeys();
        byte[] tokenSecret = TokenSecret.load(config.dataDir().resolve("keys").resolve("jwt.key"), config.jwtSecret());
        List<Integer> own = config.nodeShards();
        List<CodeStore> stores = new ArrayList<>();
        for (int shard = 0; shard < config.shards(); shard++) {
            stores.add(own.contains(shard) ? CodeStore.open(config.storeOptions(shard)) : null);
        }
        String metricsToken =
                MetricsToken.load(config.dataDir().resolve("keys").resolve("metrics.token"), config.metricsToken());
        return new Opened(keys, stores, tokenSecret, metricsToken);
    }

    /**
     * Issue 21: one writer per shard, each replaying its own journal into its own store (in
     * parallel, each on its writer thread), over one reference data loaded once; the uncommitted
     * chunks of big files in {@code <data>/staging} (shard 0) and {@code <data>/staging-N}.
     */
    static Future<List<Sequencer>> writers(Vertx vertx, LacakConfig config, Database db, Opened parts) {
        return sequencers(vertx, config, db, parts, false);
    }

    /**
     * Issue 21: a standby's followers, one per shard, each replaying its shard's journal into the
     * node's own store as the owner writes it ({@link Sequencer#follower}); {@link Sequencer#lead()}
     * makes them the writers when the node takes the shards over.
     */
    static Future<List<Sequencer>> followers(Vertx vertx, LacakConfig config, Database db, Opened parts) {
        return sequencers(vertx, config, db, parts, true);
    }

    private static Future<List<Sequencer>> sequencers(
            Vertx vertx, LacakConfig config, Database db, Opened parts, boolean follow) {
        Shards shards = Shards.of(config.shards());
        // the keys the database's codes were issued under, or no start (a cluster node with a key of its own)
        return KeyCheck.verify(db.pool(), parts.keys())
                // a cluster's nodes check each other's tokens (issue 21): one secret
                .compose(checked -> config.node() == null
                        ? Future.<Void>succeededFuture()
                        : KeyCheck.verifyTokenSecret(db.pool(), parts.tokenSecret()))
                .compose(checked -> Sequencer.loadReferenceData(db.pool()))
                .compose(ref -> {
                    List<Future<Sequencer>> each = new ArrayList<>();
                    for (int shard : config.nodeShards()) {
                        CodeStore store = parts.stores().get(shard);
                        WorkingDays days = WorkingDays.of(config.holidays());
                        var staging = config.dataDir().resolve(shard == 0 ? "staging" : "staging-" + shard);
                        each.add(
                                follow
                                        ? Sequencer.follower(
                                                vertx,
                                                db.pool(),
                                                store,
                                                parts.keys(),
                                                config.clock(),
                                                days,
                                                staging,
                                                shard,
                                                shards,
                                                ref)
                                        : Sequencer.start(
                                                vertx,
                                                db.pool(),
                                                store,
                                                parts.keys(),
                                                config.clock(),
                                                days,
                                                staging,
                                                shard,
                                                shards,
                                                ref));
                    }
                    // every one settled first: one failing must not leave the others replaying into stores about to
                    // close
                    return Future.join(each).transform(all -> {
                        if (all.succeeded()) {
                            List<Sequencer> out = new ArrayList<>();
                            for (Future<Sequencer> f : each) {
                                out.add(f.result());
                            }
                            return Future.succeededFuture(out);
                        }
                        return vertx.executeBlocking(
                                        () -> {
                                            for (Future<Sequencer> f : each) {
                                                if (f.succeeded()) {
                                                    f.result().close();
                                                }
                                            }
                                            return null;
                                        },
                                        false)
                                .transform(v -> Future.failedFuture(all.cause()));
                    });
                });
    }

    /**
     * Issue 21: a standby's public verify over its followers' stores and their reference data
     * ({@code LACAK_STANDBY_VERIFY}); its own rate limit and product look-ups, no clone watch.
     */
    static VerifyRoutes standbyVerify(
            Vertx vertx, LacakConfig config, Database db, Opened parts, List<Sequencer> followers) {
        var ref = followers.get(0).referenceData();
        List<ShardWriters.Member> members = new ArrayList<>();
        for (Sequencer s : followers) {
            CodeStore own = parts.stores().get(s.shard());
            members.add(new ShardWriters.Member(s, own, new Custody(vertx, db.pool(), own, ref, s.shard())));
        }
        Verifier verifier = new Verifier(
                new ShardWriters(Shards.of(config.shards()), members, false),
                ref,
                new IssuedSerials(ref, parts.keys()),
                new Products(db.pool(), ref),
                Gs1Codec.create(new Gs1Profile().setClock(config.clock())),
                new Alerts(db.pool(), ref),
                0, // no clone watch here: a SOLD code goes to the owner, whose watch counts the cluster's scans
                config.clock());
        return new VerifyRoutes(
                vertx,
                verifier,
                new RateLimiter(config.verifyRate()),
                config.dataDir().resolve("uploads").resolve("tmp").toString());
    }

    /** Each shard's writer fenced by its lease ({@code leases} null: the only node, unfenced). */
    static void fence(List<Sequencer> sequencers, List<io.lacak.core.journal.ShardLease> leases) {
        for (var lease : leases == null ? List.<io.lacak.core.journal.ShardLease>of() : leases) {
            sequencers.stream()
                    .filter(q -> q.shard() == lease.shard())
                    .findFirst()
                    .orElseThrow()
                    .fencedBy(lease);
        }
    }

    /** The services over the writers' reference data and ledgers, shard 0's first. */
    static Services services(Vertx vertx, LacakConfig config, Database db, List<Sequencer> sequencers, Opened parts) {
        Clock clock = config.clock();
        Sequencer sequencer = sequencers.get(0);
        CodeStore store = parts.store();
        var ref = sequencer.referenceData();
        List<ShardWriters.Member> members = new ArrayList<>();
        for (Sequencer s : sequencers) {
            CodeStore own = parts.stores().get(s.shard());
            members.add(new ShardWriters.Member(s, own, new Custody(vertx, db.pool(), own, ref, s.shard())));
        }
        // issue 21: a cluster node writes its LACAK_NODE_SHARDS; another shard's requests go to its owner
        ShardWriters writers = new ShardWriters(Shards.of(config.shards()), members, false);
        Shards shards = writers.shards();
        Registration registration = Registration.create(
                vertx, db.pool(), ref, parts.tokenSecret(), WorkingDays.of(config.holidays()), clock);
        Gs1Codec codec = Gs1Codec.create(new Gs1Profile().setClock(clock));
        IssuedSerials issued = new IssuedSerials(ref, parts.keys());
        // issue 21: a usage file goes to its holder's shard, a file of movements a part to each shard
        UploadJobs jobs = new UploadJobs(
                vertx, db.pool(), writers, codec, config.dataDir().resolve("uploads"));
        return new Services(
                db,
                store,
                sequencer,
                members.get(0).custody(),
                writers,
                new Notifications(db.pool()),
                codec,
                clock,
                registration,
                new Verifier(
                        writers,
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
