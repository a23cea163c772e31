package io.lacak.registration.workflow;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.document.Documents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * The history of registration workflows (issue 4: "every transition is recorded with actor and
 * time"): one row per transition of a {@link Subject} such as {@code facility-request:12} or {@code company:3}.
 *
 * <p>{@code Workflow.record(tx, Kind.COMPANY.of(3), "APPROVED", regulatorId, note)}
 */
public final class Workflow {

    private Workflow() {}

    /** Records a transition in the caller's transaction; {@code actor} null for the public applicant. */
    public static Future<Void> record(SqlClient c, Subject subject, String status, Integer actor, String note) {
        return c.preparedQuery("insert into workflow_event (subject, status, actor, note) values ($1, $2, $3, $4)")
                .execute(Tuple.of(subject.toString(), status, actor, note))
                .mapEmpty();
    }

    /**
     * The rows of a workflow's table ({@code facility_request}, {@code company}), newest first,
     * optionally of one status, below {@code beforeId}, as {@code json} shows them.
     */
    public static Future<JsonArray> list(
            Pool pool, Subject.Kind kind, String status, long beforeId, int limit, Function<Row, JsonObject> json) {
        return pool.preparedQuery("select * from " + kind.table()
                        + " where ($1::varchar is null or status = $1) and id < $2" + " order by id desc limit $3")
                .execute(Tuple.of(status, beforeId, limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json.apply(r)));
                    return out;
                });
    }

    /** The row of {@code subject} with its documents and history; NOT_FOUND naming {@code what} when there is none. */
    public static Future<JsonObject> get(Pool pool, Subject subject, String what, Function<Row, JsonObject> json) {
        return pool.preparedQuery("select * from " + subject.kind().table() + " where id = $1")
                .execute(Tuple.of(subject.id()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Refusal.notFound("no " + what + " " + subject.id()));
                    }
                    JsonObject r = json.apply(rows.iterator().next());
                    return new Documents(pool).list(subject.toString()).compose(docs -> history(pool, subject)
                            .map(h -> r.put("documents", docs).put("history", h)));
                });
    }

    /** The transitions of {@code subject}, oldest first: status, note, by (username), at. */
    public static Future<JsonArray> history(Pool pool, Subject subject) {
        return pool.preparedQuery("select e.status, e.note, e.at, a.username from workflow_event e"
                        + " left join account a on a.id = e.actor where e.subject = $1 order by e.id")
                .execute(Tuple.of(subject.toString()))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new JsonObject()
                            .put("status", r.getString("status"))
                            .put("note", r.getString("note"))
                            .put("by", r.getString("username"))
                            .put("at", r.getOffsetDateTime("at").toInstant().toString())));
                    return out;
                });
    }
}
