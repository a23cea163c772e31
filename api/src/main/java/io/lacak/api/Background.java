package io.lacak.api;

import io.lacak.core.journal.ReferenceFollower;
import io.lacak.registration.notice.Mailer;
import io.lacak.registration.notice.NoticeMail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the writing node does beside the requests, each on a timer: the custody indexer (chain of
 * custody and notifications) follows every shard's journal, notification e-mail leaves by the
 * outbox, expired product drafts are deleted, and files interrupted uploads left are swept. On a
 * cluster it runs on the shards' owner only, and stops when the node loses them (issue 21); with
 * the shards spread over nodes ({@code LACAK_NODE_SHARDS}) each indexes its own shards, takes in
 * the reference data the others made every second, and only the registry (shard 0's owner) sends
 * e-mail and sweeps drafts.
 *
 * <p>{@code Background b = new Background(vertx, config, services, mailer, new NoticeMail(pool), null); b.start(); b.stop();}
 */
final class Background {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());
    /** How often the custody indexer looks for new journal events. */
    private static final long INDEX_EVERY_MS = 500;
    /** How often the outbox hands new messages to the e-mail adapter. */
    private static final long MAIL_EVERY_MS = 2_000;
    /** How often a node writing some shards takes in the reference data the other nodes made. */
    private static final long REFERENCE_EVERY_MS = 1_000;

    private static final long SWEEP_EVERY_MS = 60 * 60 * 1000;
    /** How often files that interrupted uploads left behind are looked for (also at start). */
    private static final long LEFTOVERS_EVERY_MS = 15 * 60 * 1000;

    private final Vertx vertx;
    private final LacakConfig config;
    private final Services services;
    private final Mailer mailer;
    private final NoticeMail noticeMail;

    private long indexTimer = -1;
    private long mailTimer = -1;
    private long sweepTimer = -1;
    private long leftoverTimer = -1;
    private long referenceTimer = -1;
    /** What other nodes made, taken in every second; {@code null} on a node writing every shard. */
    private final ReferenceFollower references;

    private boolean indexing;
    private boolean mailing;

    /** {@code references}: on a node writing some shards, its reference data's follower; else {@code null}. */
    Background(
            Vertx vertx,
            LacakConfig config,
            Services services,
            Mailer mailer,
            NoticeMail noticeMail,
            ReferenceFollower references) {
        this.references = references;
        this.vertx = vertx;
        this.config = config;
        this.services = services;
        this.mailer = mailer;
        this.noticeMail = noticeMail;
    }

    void start() {
        indexTimer = vertx.setPeriodic(INDEX_EVERY_MS, t -> index());
        if (references != null) {
            // issue 21: what other nodes register, issue and batch, known here within a second
            referenceTimer = vertx.setPeriodic(REFERENCE_EVERY_MS, t -> references());
        }
        if (!services.writers().writes(0)) {
            return; // e-mail and sweeps are the registry's (shard 0's owner): once in the cluster
        }
        mailTimer = vertx.setPeriodic(MAIL_EVERY_MS, t -> mail());
        sweepTimer = vertx.setPeriodic(1, SWEEP_EVERY_MS, t -> sweep());
        leftoverTimer = vertx.setPeriodic(
                LEFTOVERS_EVERY_MS, t -> vertx.executeBlocking(() -> Assembly.sweepLeftovers(config), false)
                        .onFailure(e -> LOG.log(Level.WARNING, "cleaning the upload directory failed; retrying", e)));
    }

    void stop() {
        for (long t : new long[] {indexTimer, mailTimer, sweepTimer, leftoverTimer, referenceTimer}) {
            vertx.cancelTimer(t);
        }
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

    /** Issue 21: the reference data takes in the facilities, products, issuances and batches others made. */
    private void references() {
        references // a round still running is shared, not started again
                .follow()
                .onFailure(e -> LOG.log(Level.WARNING, "following the reference data failed; retrying", e));
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
}
