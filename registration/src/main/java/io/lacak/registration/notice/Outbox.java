package io.lacak.registration.notice;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notifications to people (issue 4, seed 002): written in the same transaction as the change they
 * announce, shown on the recipient account's feed, and delivered by e-mail through a {@link
 * Mailer} by {@link #deliver}, which marks each message sent so that none is sent twice. A one-time
 * link is queued with {@link LinkSeal#TOKEN} in place of its token and the secret it is made from:
 * the token exists only in the mail, rendered at delivery (issue 15); the feed shows such a link
 * without it ({@code link: null}).
 *
 * <p>A send that fails is tried again after a delay that doubles each time ({@link Retry}), and
 * given up after {@link Retry#attempts()} with its error kept in {@code outbox.last_error} and
 * {@code failed_at} set (issue 17). Facility notifications e-mailed by {@link NoticeMail} are
 * outbox rows too ({@code notification_id}), kept off the account's feed: the facility's
 * notification feed shows them already.
 *
 * <p>{@code Outbox.add(tx, accountId, email, "Hak akses disetujui", body, link)}
 */
public final class Outbox {

    /**
     * When a failed send is tried again: {@code first} after the first failure, doubling up to
     * {@code longest}, until {@code attempts} sends have failed. The default gives up after 14
     * attempts over about a day (1, 2, 4 ... 128 minutes, then every 4 hours), long enough for a mail
     * server's outage over a night.
     */
    public record Retry(Duration first, Duration longest, int attempts) {

        public static final Retry DEFAULT = new Retry(Duration.ofMinutes(1), Duration.ofHours(4), 14);

        public Retry {
            if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
                throw new IllegalArgumentException(
                        "a retry needs a positive first delay, a longest delay at least that,"
                                + " and at least one attempt: " + first + ", " + longest + ", " + attempts);
            }
        }

        /** The delay after the {@code failures}-th failed attempt (1-based). */
        public Duration delay(int failures) {
            Duration d = first;
            for (int i = 1; i < failures && d.compareTo(longest) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(longest) > 0 ? longest : d;
        }
    }

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    /** The longest error text kept: a mail server's reply, not a stack trace. */
    private static final int ERROR_CHARS = 1000;

    private final Pool pool;
    private final LinkSeal seal;
    private final Clock clock;
    private final Retry retry;

    public Outbox(Pool pool, LinkSeal seal) {
        this(pool, seal, Clock.systemUTC(), Retry.DEFAULT);
    }

    /** An outbox whose retries are timed by {@code clock} and spaced by {@code retry}. */
    public Outbox(Pool pool, LinkSeal seal, Clock clock, Retry retry) {
        this.pool = pool;
        this.seal = seal;
        this.clock = clock;
        this.retry = retry;
    }

    /** Queues a message to an account and/or an e-mail address, in the caller's transaction. */
    public static Future<Void> add(
            SqlClient c, Integer accountId, String email, String subject, String body, String link) {
        return add(c, accountId, email, subject, body, link, null);
    }

    /**
     * Queues a message with a one-time link: {@code link} has {@link LinkSeal#TOKEN} where the token
     * goes, made from {@code secret} when the mail is sent.
     */
    public static Future<Void> add(
            SqlClient c, Integer accountId, String email, String subject, String body, String link, String secret) {
        return c.preparedQuery("insert into outbox (account_id, email, subject, body, link, link_secret)"
                        + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] {accountId, email, subject, body, link, secret}))
                .mapEmpty();
    }

    /** A message of an account's feed: its link only when it carries no one-time secret. */
    public record Message(long id, String subject, String body, String link, boolean read, Instant createdAt) {}

    /** An account's feed, newest first. */
    public Future<List<Message>> feed(int accountId, boolean unreadOnly, int limit) {
        return pool.preparedQuery(
                        "select id, subject, body, case when link_secret is null then link end as link, read_at,"
                                + " created_at from outbox where account_id = $1 and notification_id is null"
                                + " and (not $2 or read_at is null) order by id desc limit $3")
                .execute(Tuple.of(accountId, unreadOnly, limit))
                .map(rows -> {
                    List<Message> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Message(
                            r.getLong("id"),
                            r.getString("subject"),
                            r.getString("body"),
                            r.getString("link"),
                            r.getOffsetDateTime("read_at") != null,
                            r.getOffsetDateTime("created_at").toInstant())));
                    return out;
                });
    }

    /** Marks a message of the account read; NOT_FOUND when the account has no such message. */
    public Future<Void> markRead(int accountId, long id) {
        return pool.preparedQuery(
                        "update outbox set read_at = coalesce(read_at, now()) where id = $1 and account_id = $2")
                .execute(Tuple.of(id, accountId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw Refusal.notFound("no notification " + id + " for this account");
                    }
                    return null;
                });
    }

    /**
     * E-mails up to {@code max} messages due (not sent, not given up, their next attempt not in the
     * future) and returns how many were sent. Rows are locked while they are sent, so two servers never
     * send one message twice; each is marked on its own outcome: sent ({@code sent_at}, final), or
     * failed and due again after {@link Retry#delay}, or given up ({@code failed_at}) with its last
     * error. A crash between the server's acceptance and the commit sends that message again: e-mail
     * is at least once at that one point, never twice otherwise.
     */
    public Future<Integer> deliver(Mailer mailer, int max) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.withTransaction(
                c -> c.preparedQuery("select o.id, coalesce(o.email, a.email) as address, o.subject,"
                                + " o.body, o.link, o.link_secret, o.attempts from outbox o left join account a on a.id = o.account_id"
                                + " where o.sent_at is null and o.failed_at is null and (o.next_attempt_at is null or o.next_attempt_at <= $2)"
                                + " order by o.id limit $1 for update of o skip locked")
                        .execute(Tuple.of(max, now))
                        .compose(rows -> {
                            List<Future<Tuple>> outcomes = new ArrayList<>();
                            for (Row r : rows) {
                                long id = r.getLong("id");
                                int attempt = r.getInteger("attempts") + 1;
                                if (r.getString("address") == null) { // an account without an address has the feed only
                                    outcomes.add(Future.succeededFuture(Tuple.of(id, attempt, null, null, null, true)));
                                    continue;
                                }
                                String link = r.getString("link") == null
                                        ? null
                                        : seal.render(r.getString("link"), r.getString("link_secret"));
                                String body = r.getString("body") + (link == null ? "" : "\n\n" + link);
                                outcomes.add(send(mailer, r.getString("address"), r.getString("subject"), body)
                                        .map(v -> Tuple.of(id, attempt, null, null, null, true))
                                        .otherwise(e -> failed(id, attempt, e, now)));
                            }
                            return Future.all(outcomes).compose(all -> {
                                List<Tuple> marks = new ArrayList<>();
                                int sent = 0;
                                for (Future<Tuple> f : outcomes) {
                                    marks.add(f.result());
                                    sent += f.result().getBoolean(5) ? 1 : 0;
                                }
                                int count = sent;
                                return marks.isEmpty()
                                        ? Future.succeededFuture(0)
                                        : c.preparedQuery(
                                                        "update outbox set attempts = $2, last_error = $3, next_attempt_at = coalesce($4,"
                                                                + " next_attempt_at), failed_at = $5, sent_at = case when $6 then now() end where id = $1")
                                                .executeBatch(marks)
                                                .map(x -> count);
                            });
                        }));
    }

    /** A send whose exception, thrown rather than returned, fails the future like a refusal. */
    private static Future<Void> send(Mailer mailer, String to, String subject, String body) {
        try {
            return mailer.send(to, subject, body);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** The marks of a failed attempt: due again after the backoff, or given up after the last attempt. */
    private Tuple failed(long id, int attempt, Throwable e, OffsetDateTime now) {
        String error = String.valueOf(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        error = error.length() > ERROR_CHARS ? error.substring(0, ERROR_CHARS) : error;
        if (attempt >= retry.attempts()) {
            LOG.log(Level.SEVERE, "outbox message " + id + " given up after " + attempt + " attempts: " + error);
            return Tuple.of(id, attempt, error, null, now, false);
        }
        OffsetDateTime next = now.plus(retry.delay(attempt));
        LOG.log(
                Level.WARNING,
                "outbox message " + id + " not sent (attempt " + attempt + " of " + retry.attempts() + "), next at "
                        + next + ": " + error);
        return Tuple.of(id, attempt, error, next, null, false);
    }
}
