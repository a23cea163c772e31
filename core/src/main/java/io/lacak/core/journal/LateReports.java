package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;

/**
 * Pasal 12(5), 13(3): reports that reached Lacak over 24 hours after the activity, for the
 * regulator, newest first and paged by journal sequence: who, what, when it happened, when it was
 * received, and how late beyond the 24 hours. Issue 21: a sequence counts within its shard, so the
 * list is ordered by (sequence, shard), highest first, and paged by both: every late report once,
 * none skipped where two shards have the same sequence.
 *
 * <p>{@code lateReports.list(facilityRef, "SALE", from, to, Long.MAX_VALUE, -1, 100)}
 */
public final class LateReports {

    /** The reporting window of Pasal 12(5). */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final Pool pool;
    private final ReferenceData ref;

    public LateReports(Pool pool, ReferenceData ref) {
        this.pool = pool;
        this.ref = ref;
    }

    /**
     * Up to {@code limit} late reports before {@code (before, beforeShard)}: a sequence below
     * {@code before}, or equal to it in a shard below {@code beforeShard} ({@code -1}: in none, the
     * first page's and a single shard's); each filter applies unless null: the reporting facility,
     * the report kind, the activity's time in {@code [from, to)}.
     */
    public Future<JsonArray> list(
            Integer facility, String kind, Instant from, Instant to, long before, int beforeShard, int limit) {
        return pool.preparedQuery("select seq, shard, kind, facility, occurred_at, received_at from journal"
                        + " where late and (seq, shard) < ($1, $7) and ($2::int is null or facility = $2)"
                        + " and ($3::text is null or kind = $3)"
                        + " and ($4::timestamptz is null or occurred_at >= $4) and ($5::timestamptz is null or occurred_at < $5)"
                        + " order by seq desc, shard desc limit $6")
                .execute(Tuple.of(
                        before,
                        facility,
                        kind,
                        from == null ? null : from.atOffset(java.time.ZoneOffset.UTC),
                        to == null ? null : to.atOffset(java.time.ZoneOffset.UTC),
                        limit,
                        beforeShard))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> {
                        Instant occurred = r.getOffsetDateTime("occurred_at").toInstant();
                        Instant received = r.getOffsetDateTime("received_at").toInstant();
                        Facility f = ref.facility(r.getInteger("facility"));
                        out.add(new JsonObject()
                                .put("sequence", r.getLong("seq"))
                                .put("shard", r.getInteger("shard"))
                                .put("kind", r.getString("kind"))
                                .put("partnerId", f == null ? null : f.partnerId())
                                .put("occurredAt", occurred.toString())
                                .put("receivedAt", received.toString())
                                .put(
                                        "minutesLate",
                                        Duration.between(occurred.plus(WINDOW), received)
                                                .toMinutes()));
                    });
                    return out;
                });
    }
}
