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
 * Each is a case for the regulator (open, investigating, closed) with a history of notes; a repeat
 * after closing shows as a {@code lastAt} later than the closing note.
 *
 * <p>{@code alerts.recent(100).onSuccess(list -> ...)}
 */
public final class Alerts {

    /** Keeps one alert ($1 kind, $2 facility, $3 product, $4 serial, $5 message), or counts a repeat of it. */
    public static final String KEEP = "insert into alert (kind, facility, product, serial, message)"
            + " values ($1, $2, $3, $4, $5) on conflict (kind, facility, product, serial)"
            + " do update set attempts = alert.attempts + 1, last_at = excluded.last_at"; // the default, now()

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
    public Future<Void> raise(
            io.lacak.core.lifecycle.Outcome.AlertKind kind,
            int facility,
            int productId,
            String serial,
            String message) {
        return pool.preparedQuery(KEEP)
                .execute(Tuple.of(kind.name(), facility, productId, serial, message))
                .mapEmpty();
    }

    /** Where the regulator's handling of an alert stands. */
    public enum CaseState {
        OPEN,
        INVESTIGATING,
        CLOSED
    }

    /** Up to {@code limit} alerts, newest first. */
    public Future<JsonArray> recent(int limit) {
        return list(null, Long.MAX_VALUE, limit);
    }

    /**
     * Up to {@code limit} alerts with an id below {@code before} (the page after the last one
     * seen), newest first; only those in {@code state} unless it is null.
     */
    public Future<JsonArray> list(CaseState state, long before, int limit) {
        return pool.preparedQuery("select id, kind, facility, serial, message, attempts, created_at, last_at, state,"
                        + " (select count(*) from alert_note n where n.alert_id = a.id) as notes from alert a"
                        + " where id < $1 and ($2::text is null or state = $2) order by id desc limit $3")
                .execute(Tuple.of(before, state == null ? null : state.name(), limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r).put("notes", r.getLong("notes"))));
                    return out;
                });
    }

    /** One alert with its history of notes, oldest first; null when there is no such alert. */
    public Future<JsonObject> get(long id) {
        return pool.preparedQuery("select id, kind, facility, serial, message, attempts, created_at, last_at, state"
                        + " from alert where id = $1")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    JsonObject alert = json(rows.iterator().next());
                    return pool.preparedQuery(
                                    "select at, author, state, note from alert_note where alert_id = $1 order by id")
                            .execute(Tuple.of(id))
                            .map(notes -> {
                                JsonArray history = new JsonArray();
                                notes.forEach(n -> history.add(new JsonObject()
                                        .put(
                                                "at",
                                                n.getOffsetDateTime("at")
                                                        .toInstant()
                                                        .toString())
                                        .put("author", n.getString("author"))
                                        .put("state", n.getString("state"))
                                        .put("note", n.getString("note"))));
                                return alert.put("history", history);
                            });
                });
    }

    /**
     * The regulator notes on a case and moves it to {@code state} (the same state to note only), in
     * one transaction; the case as it now stands, or null when there is no such alert.
     */
    public Future<JsonObject> note(long id, String author, CaseState state, String note) {
        return pool.withTransaction(c -> c.preparedQuery("update alert set state = $2 where id = $1")
                        .execute(Tuple.of(id, state.name()))
                        .compose(updated -> updated.rowCount() == 0
                                ? Future.succeededFuture(false)
                                : c.preparedQuery(
                                                "insert into alert_note (alert_id, author, state, note) values ($1, $2, $3, $4)")
                                        .execute(Tuple.of(id, author, state.name(), note))
                                        .map(true)))
                .compose(found -> found ? get(id) : Future.succeededFuture(null));
    }

    private JsonObject json(io.vertx.sqlclient.Row r) {
        Facility f = ref.facility(r.getInteger("facility"));
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("kind", r.getString("kind"))
                .put("partnerId", f == null ? null : f.partnerId())
                .put("serial", r.getString("serial"))
                .put("message", r.getString("message"))
                .put("attempts", r.getInteger("attempts"))
                .put("state", r.getString("state"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("lastAt", r.getOffsetDateTime("last_at").toInstant().toString());
    }
}
