package io.lacak.registration.workflow;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.document.Documents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** One transition as the history shows it: the status reached, the note, by whom (username; null for the applicant), when. */
    public record Step(String status, String note, String by, Instant at) {}

    /** A workflow's row as {@code T}, with its documents and its history. */
    public record Filed<T>(T row, List<Documents.Stored> documents, List<Step> history) {}

    /** The statuses of a list's filter as SQL's {@code text[]}; {@code null} (any status) for {@code null}. */
    public static String[] names(Set<? extends Enum<?>> statuses) {
        return statuses == null ? null : statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    /** The row of {@code subject} with its documents and history; NOT_FOUND naming {@code what} when there is none. */
    public static <T> Future<Filed<T>> get(Pool pool, Subject subject, String what, Function<Row, T> read) {
        return pool.preparedQuery("select * from " + subject.kind().table() + " where id = $1")
                .execute(Tuple.of(subject.id()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Refusal.notFound("no " + what + " " + subject.id()));
                    }
                    return filed(pool, subject, read.apply(rows.iterator().next()));
                });
    }

    /** {@code row} with the documents and history of {@code subject}. */
    private static <T> Future<Filed<T>> filed(Pool pool, Subject subject, T row) {
        return new Documents(pool).list(subject.toString()).compose(docs -> history(pool, subject)
                .map(h -> new Filed<>(row, docs, h)));
    }

    /** The transitions of {@code subject}, oldest first. */
    public static Future<List<Step>> history(Pool pool, Subject subject) {
        return pool.preparedQuery("select e.status, e.note, e.at, a.username from workflow_event e"
                        + " left join account a on a.id = e.actor where e.subject = $1 order by e.id")
                .execute(Tuple.of(subject.toString()))
                .map(rows -> {
                    List<Step> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Step(
                            r.getString("status"),
                            r.getString("note"),
                            r.getString("username"),
                            r.getOffsetDateTime("at").toInstant())));
                    return out;
                });
    }
}
