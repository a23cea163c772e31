package io.lacak.registration.workflow;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The history of registration workflows (issue 4: "every transition is recorded with actor and
 * time"): one row per transition of a subject such as {@code facility-request:12} or {@code company:3}.
 *
 * <p>{@code Workflow.record(tx, "company:3", "APPROVED", regulatorId, note)}
 */
public final class Workflow {

  private Workflow() {
  }

  /** Records a transition in the caller's transaction; {@code actor} null for the public applicant. */
  public static Future<Void> record(SqlClient c, String subject, String status, Integer actor, String note) {
    return c.preparedQuery("insert into workflow_event (subject, status, actor, note) values ($1, $2, $3, $4)")
        .execute(Tuple.of(subject, status, actor, note)).mapEmpty();
  }

  /** The transitions of {@code subject}, oldest first: status, note, by (username), at. */
  public static Future<JsonArray> history(Pool pool, String subject) {
    return pool.preparedQuery("select e.status, e.note, e.at, a.username from workflow_event e"
            + " left join account a on a.id = e.actor where e.subject = $1 order by e.id")
        .execute(Tuple.of(subject))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("status", r.getString("status")).put("note", r.getString("note"))
              .put("by", r.getString("username")).put("at", r.getOffsetDateTime("at").toInstant().toString())));
          return out;
        });
  }
}
