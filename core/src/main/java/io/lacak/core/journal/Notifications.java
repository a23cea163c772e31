package io.lacak.core.journal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * The notification feed of a facility: incoming shipments, returns awaiting a decision and their
 * decisions, incoming recall shipments and their receipt, recall notices (with the details of the
 * report behind each: reason, letter number and date), newest first, as {@link Custody#catchUp()} derives them
 * from the journal.
 *
 * <p>{@code custody.catchUp().compose(n -> notifications.feed(facilityRef, false, 50))}
 */
public final class Notifications {

    private final Pool pool;

    public Notifications(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} notifications of {@code facility}, newest first; only unread ones if asked. */
    public Future<JsonArray> feed(int facility, boolean unreadOnly, int limit) {
        // the details are the journal's: the report's reason, letter number and date, one copy
        return pool.preparedQuery("select n.id, n.kind, n.seq, n.subject, n.codes, n.read, n.created_at, j.details"
                        + " from notification n left join journal j on j.shard = n.shard and j.seq = n.seq"
                        + " where n.facility = $1 and ($2 = false or n.read = false) order by n.id desc limit $3")
                .execute(Tuple.of(facility, unreadOnly, limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> {
                        JsonObject n = new JsonObject()
                                .put("id", r.getLong("id"))
                                .put("kind", r.getString("kind"))
                                .put("journalSequence", r.getLong("seq"))
                                .put("subject", r.getString("subject"))
                                .put("codes", r.getInteger("codes"))
                                .put("read", r.getBoolean("read"))
                                .put(
                                        "createdAt",
                                        r.getOffsetDateTime("created_at")
                                                .withOffsetSameInstant(ZoneOffset.UTC)
                                                .toString());
                        String details = r.getString("details");
                        if (details != null) {
                            n.put("details", new JsonObject(details)); // the report's reason, letter number and date
                        }
                        out.add(n);
                    });
                    return out;
                });
    }

    /** Marks one notification of {@code facility} read; {@code false} when it has none with that id. */
    public Future<Boolean> markRead(int facility, long id) {
        return pool.preparedQuery("update notification set read = true where facility = $1 and id = $2")
                .execute(Tuple.of(facility, id))
                .map(r -> r.rowCount() == 1);
    }
}
