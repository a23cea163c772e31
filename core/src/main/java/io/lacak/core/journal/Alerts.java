package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The regulator's alerts (a second sale of one code: possible clone), newest first, as the
 * sequencer keeps them.
 *
 * <p>{@code alerts.recent(100).onSuccess(list -> ...)}
 */
public final class Alerts {

  private final Pool pool;
  private final ReferenceData ref;

  public Alerts(Pool pool, ReferenceData ref) {
    this.pool = pool;
    this.ref = ref;
  }

  /** Up to {@code limit} alerts, newest first. */
  public Future<JsonArray> recent(int limit) {
    return pool.preparedQuery("select id, kind, facility, serial, message, created_at from alert order by id desc limit $1")
        .execute(Tuple.of(limit))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> {
            Facility f = ref.facility(r.getInteger("facility"));
            out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("partnerId", f == null ? null : f.partnerId()).put("serial", r.getString("serial"))
                .put("message", r.getString("message"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString()));
          });
          return out;
        });
  }
}
