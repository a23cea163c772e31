package io.lacak.registration.notice;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications to people (issue 4, seed 002): written in the same transaction as the change they
 * announce, shown on the recipient account's feed, and delivered by e-mail through a {@link
 * Mailer} by {@link #deliver}, which marks each message sent so that none is sent twice. A one-time
 * link is queued with {@link LinkSeal#TOKEN} in place of its token and the secret it is made from:
 * the token exists only in the mail, rendered at delivery (issue 15); the feed shows such a link
 * without it ({@code link: null}).
 *
 * <p>{@code Outbox.add(tx, accountId, email, "Hak akses disetujui", body, link)}
 */
public final class Outbox {

  private final Pool pool;
  private final LinkSeal seal;

  public Outbox(Pool pool, LinkSeal seal) {
    this.pool = pool;
    this.seal = seal;
  }

  /** Queues a message to an account and/or an e-mail address, in the caller's transaction. */
  public static Future<Void> add(SqlClient c, Integer accountId, String email, String subject, String body, String link) {
    return add(c, accountId, email, subject, body, link, null);
  }

  /**
   * Queues a message with a one-time link: {@code link} has {@link LinkSeal#TOKEN} where the token
   * goes, made from {@code secret} when the mail is sent.
   */
  public static Future<Void> add(SqlClient c, Integer accountId, String email, String subject, String body, String link,
                                 String secret) {
    return c.preparedQuery("insert into outbox (account_id, email, subject, body, link, link_secret)"
            + " values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.from(new Object[] {accountId, email, subject, body, link, secret})).mapEmpty();
  }

  /** An account's feed, newest first. */
  public Future<JsonArray> feed(int accountId, boolean unreadOnly, int limit) {
    return pool.preparedQuery("select id, subject, body, case when link_secret is null then link end as link, read_at,"
            + " created_at from outbox where account_id = $1"
            + " and (not $2 or read_at is null) order by id desc limit $3")
        .execute(Tuple.of(accountId, unreadOnly, limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("subject", r.getString("subject"))
              .put("body", r.getString("body")).put("link", r.getString("link"))
              .put("read", r.getOffsetDateTime("read_at") != null)
              .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())));
          return out;
        });
  }

  /** Marks a message of the account read; NOT_FOUND when the account has no such message. */
  public Future<Void> markRead(int accountId, long id) {
    return pool.preparedQuery("update outbox set read_at = coalesce(read_at, now()) where id = $1 and account_id = $2")
        .execute(Tuple.of(id, accountId))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw Refusal.notFound("no notification " + id + " for this account");
          }
          return null;
        });
  }

  /**
   * E-mails up to {@code max} messages not yet sent and marks them sent; returns how many. Rows
   * are locked while they are sent, so two servers never send one message at the same time; when
   * one message of the batch fails, none is marked and the whole batch is tried again, so the
   * others may go twice.
   */
  public Future<Integer> deliver(Mailer mailer, int max) {
    return pool.withTransaction(c -> c.preparedQuery("select o.id, coalesce(o.email, a.email) as address, o.subject, o.body,"
            + " o.link, o.link_secret from outbox o left join account a on a.id = o.account_id where o.sent_at is null"
            + " order by o.id limit $1 for update of o skip locked")
        .execute(Tuple.of(max))
        .compose(rows -> {
          List<Future<Void>> sent = new ArrayList<>();
          List<Tuple> done = new ArrayList<>();
          for (Row r : rows) {
            done.add(Tuple.of(r.getLong("id")));
            if (r.getString("address") != null) { // an account without an address has the feed only
              String link = r.getString("link") == null ? null : seal.render(r.getString("link"), r.getString("link_secret"));
              String body = r.getString("body") + (link == null ? "" : "\n\n" + link);
              sent.add(mailer.send(r.getString("address"), r.getString("subject"), body));
            }
          }
          return Future.all(sent).compose(v -> done.isEmpty() ? Future.succeededFuture(0)
              : c.preparedQuery("update outbox set sent_at = now() where id = $1").executeBatch(done).map(x -> done.size()));
        }));
  }
}
