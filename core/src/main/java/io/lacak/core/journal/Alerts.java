package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The regulator's alerts, newest first: a second sale of one code (kept by the sequencer) and a sold
 * code verified by many different clients (raised by public verification) — both possible clones.
 *
 * One alert per kind, facility and code: a repeat counts {@code attempts} and moves {@code lastAt}.
 *
 * <p>{@code alerts.recent(100).onSuccess(list -> ...)}
 */
public final class Alerts {

  /** Keeps one alert ($1 kind, $2 facility, $3 product, $4 serial, $5 message), or counts a repeat of it. */
  public static final String KEEP = "insert into alert (kind, facility, product, serial, message)"
      + " values ($1, $2, $3, $4, $5) on conflict (kind, facility, product, serial)"
      + " do update set attempts = alert.attempts + 1, last_at = now()";

  private final Pool pool;
  private final ReferenceData ref;

  public Alerts(Pool pool, ReferenceData ref) {
    this.pool = pool;
    this.ref = ref;
  }

  /**
   * Keeps an alert raised outside the sequencer (public verification of a sold code from many
   * clients) about code {@code productId}/{@code serial}; {@code facility} is the facility the code
   * was last with.
   */
  public Future<Void> raise(String kind, int facility, int productId, String serial, String message) {
    return pool.preparedQuery(KEEP).execute(Tuple.of(kind, facility, productId, serial, message)).mapEmpty();
  }

  /** Up to {@code limit} alerts, newest first. */
  public Future<JsonArray> recent(int limit) {
    return pool.preparedQuery("select id, kind, facility, serial, message, attempts, created_at, last_at from alert"
            + " order by id desc limit $1")
        .execute(Tuple.of(limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> {
            Facility f = ref.facility(r.getInteger("facility"));
            out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("partnerId", f == null ? null : f.partnerId()).put("serial", r.getString("serial"))
                .put("message", r.getString("message"))
                .put("attempts", r.getInteger("attempts"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("lastAt", r.getOffsetDateTime("last_at").toInstant().toString()));
          });
          return out;
        });
  }
}
