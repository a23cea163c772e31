package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a recall has got (issue 17 §1, Lampiran L), for the NIE holder and the regulator, per
 * recalled batch: the units in circulation at the notice and where they were, those sold before it,
 * those back with the NIE holder, those on their way back, and what is still outstanding and
 * where. Computed live from the custody rows of the batch (the codes of one batch, never the whole
 * store): each unit's state at the notice and now, through the containers it was packed in (a
 * container holds one batch, so its rows are the batch's too).
 *
 * <p>{@code effectiveness.of(productId, "B2611").onSuccess(json -> ...)}
 */
public final class RecallEffectiveness {

    private static final int MAX_DEPTH = 2; // primary -> secondary -> tertiary

    private final Vertx vertx;
    private final Pool pool;
    private final ReferenceData ref;
    /** Issue 21: a batch's custody and store are its holder's shard's. */
    private final ShardWriters writers;

    /** Issue 21: over every shard of {@code writers}, each batch read in its holder's shard. */
    public RecallEffectiveness(Vertx vertx, Pool pool, ReferenceData ref, ShardWriters writers) {
        this.vertx = vertx;
        this.pool = pool;
        this.ref = ref;
        this.writers = writers;
    }

    /**
     * Recalled batches, the newest notice first, before {@code (before, beforeShard)}, each with its
     * figures and shard. Issue 21: a sequence counts within its shard, so notices are ordered by
     * (sequence, shard), highest first, and paged by both ({@code beforeShard} {@code -1}: a sequence
     * below {@code before} in every shard, the first page's and a single shard's).
     */
    /**
     * Marks an item of {@link #list} whose shard another node writes: only its notice is known here,
     * the HTTP side asks that shard's owner for its figures.
     */
    public static final String ELSEWHERE = "elsewhere";

    public Future<JsonArray> list(long before, int beforeShard, int limit) {
        Integer[] shards = new Integer[writers.shards().count()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = i;
        }
        // every shard's notices (one shard: a router query on Citus); a seq counts within its shard
        return writers.catchUp()
                .compose(n -> pool.preparedQuery("select seq, shard, details from journal where shard = any($3)"
                                + " and kind = 'RECALL_NOTICE' and (seq, shard) < ($1, $4)"
                                + " order by seq desc, shard desc limit $2")
                        .execute(Tuple.of(before, limit, shards, beforeShard)))
                .compose(rows -> {
                    List<Future<JsonObject>> each = new ArrayList<>();
                    for (Row r : rows) {
                        JsonObject d = r.getString("details") == null
                                ? new JsonObject()
                                : new JsonObject(r.getString("details"));
                        Product p = ref.productOf(d.getString("nie"), null);
                        Batch b = p == null ? null : ref.findBatch(p.id(), d.getString("batch"));
                        int shard = r.getInteger("shard");
                        if (p != null && !writers.writes(shard)) {
                            // issue 21: another node writes the shard (and holds its store); its figures are its
                            each.add(Future.succeededFuture(new JsonObject()
                                    .put("nie", p.nie())
                                    .put("batch", d.getString("batch"))
                                    .put("noticeSequence", r.getLong("seq"))
                                    .put("shard", shard)
                                    .put(ELSEWHERE, true)));
                        } else if (b != null) {
                            each.add(figures(p, b, r.getLong("seq"), d).map(f -> f.put("shard", shard)));
                        }
                    }
                    return Future.all(each).map(all -> {
                        JsonArray out = new JsonArray();
                        each.forEach(f -> out.add(f.result()));
                        return out;
                    });
                });
    }

    /** The figures of one recalled batch; null when the batch was never recalled. */
    public Future<JsonObject> of(int productId, String batchNumber) {
        Product p = ref.product(productId);
        // issue 21: another node's shard answers there (Elsewhere), where its batches and recalls are known at once
        Custody custody = p == null ? null : writers.custody(productId);
        Batch b = p == null ? null : ref.findBatch(productId, batchNumber);
        if (b == null || !ref.recalled(b.ref())) {
            return Future.succeededFuture(null);
        }
        return custody.catchUp()
                .compose(n -> pool.preparedQuery("select seq, details from journal where shard = $2"
                                + " and kind = 'RECALL_NOTICE' and facility = $1 order by seq desc")
                        .execute(Tuple.of(p.holder(), custody.shard())))
                .compose(rows -> {
                    for (Row r : rows) {
                        JsonObject d = r.getString("details") == null
                                ? new JsonObject()
                                : new JsonObject(r.getString("details"));
                        if (batchNumber.equals(d.getString("batch")) && p.nie().equals(d.getString("nie"))) {
                            return figures(p, b, r.getLong("seq"), d);
                        }
                    }
                    return Future.succeededFuture(null);
                });
    }

    /** A code's custody row: status, holder, the container it is packed in (0: none). */
    private record Step(CodeStatus status, int holder, int parent) {}

    private Future<JsonObject> figures(Product p, Batch b, long noticeSeq, JsonObject details) {
        // one read of the batch's custody: each code's last row up to the notice, and its last one after it
        return pool.preparedQuery("select distinct on (key, seq <= $2) key, seq <= $2 as at_notice, status, holder,"
                        + " parent from custody where shard = $3 and batch = $1 order by key, seq <= $2, seq desc")
                .execute(Tuple.of(b.ref(), noticeSeq, writers.shardOf(p.id())))
                .compose(rows -> vertx.executeBlocking(
                        () -> {
                            Map<ByteBuffer, Step> then = new HashMap<>(Math.max(16, rows.size() * 4 / 3 + 1));
                            Map<ByteBuffer, Step> after = new HashMap<>();
                            for (Row r : rows) {
                                Step step = new Step(
                                        CodeStatus.valueOf(r.getString("status")),
                                        r.getInteger("holder"),
                                        r.getInteger("parent"));
                                ByteBuffer key =
                                        ByteBuffer.wrap(r.getBuffer("key").getBytes());
                                (r.getBoolean("at_notice") ? then : after).put(key, step);
                            }
                            Map<ByteBuffer, Step> now = new HashMap<>(then); // what has not moved since is as it was
                            now.putAll(after);
                            return count(p, b, noticeSeq, details, then, now);
                        },
                        false));
    }

    private JsonObject count(
            Product p,
            Batch b,
            long noticeSeq,
            JsonObject details,
            Map<ByteBuffer, Step> then,
            Map<ByteBuffer, Step> now) {
        long units = 0;
        long soldBefore = 0;
        long returned = 0;
        long onTheWayBack = 0;
        Map<Integer, Long> whereThen = new TreeMap<>();
        Map<Integer, Long> whereNow = new TreeMap<>();
        CodeState state = new CodeState();
        CodeStore store = writers.store(p.id());
        for (Map.Entry<ByteBuffer, Step> e : then.entrySet()) {
            if (!store.read(e.getKey().array(), state) || state.level() != PackagingLevel.PRIMARY) {
                continue; // containers count through their units
            }
            Step atNotice = top(store, e.getValue(), then);
            if (atNotice.status() == CodeStatus.SOLD) {
                soldBefore++;
                continue;
            }
            if (atNotice.status() == CodeStatus.REJECTED || atNotice.status() == CodeStatus.RETAINED_SAMPLE) {
                continue; // never in circulation
            }
            units++;
            whereThen.merge(atNotice.holder(), 1L, Long::sum);
            Step current = top(store, now.getOrDefault(e.getKey(), e.getValue()), now);
            if (current.status() == CodeStatus.RECALL_RECEIVED && current.holder() == p.holder()) {
                returned++;
            } else {
                if (current.status() == CodeStatus.RECALL_IN_TRANSIT
                        || current.status() == CodeStatus.RECALL_RECEIVED) {
                    onTheWayBack++;
                }
                whereNow.merge(current.holder(), 1L, Long::sum);
            }
        }
        return new JsonObject()
                .put("nie", p.nie())
                .put("batch", b.batch())
                .put("noticeSequence", noticeSeq)
                .put("reason", details.getString("reason"))
                .put("letterNumber", details.getString("letterNumber"))
                .put("letterDate", details.getString("letterDate"))
                .put(
                        "atNotice",
                        new JsonObject()
                                .put("units", units)
                                .put("soldBefore", soldBefore)
                                .put("byFacility", places(whereThen)))
                .put("returned", returned)
                .put("onTheWayBack", onTheWayBack)
                .put("outstanding", units - returned)
                .put("outstandingByFacility", places(whereNow))
                .put("returnedShare", units == 0 ? 1.0 : Math.round(10_000.0 * returned / units) / 10_000.0);
    }

    /** The step of the topmost container a code was in (itself when loose), from the same moment's rows. */
    private static Step top(CodeStore store, Step own, Map<ByteBuffer, Step> rows) {
        Step s = own;
        byte[] key = new byte[CodeKey.SIZE];
        for (int depth = 0; depth < MAX_DEPTH && s.parent() != 0; depth++) {
            if (!store.containerKey(s.parent(), key)) {
                break;
            }
            Step container = rows.get(ByteBuffer.wrap(key.clone()));
            if (container == null) {
                break;
            }
            s = container;
        }
        return s;
    }

    private JsonArray places(Map<Integer, Long> counts) {
        JsonArray out = new JsonArray();
        counts.forEach((facility, n) -> {
            Facility f = ref.facility(facility);
            out.add(new JsonObject()
                    .put("partnerId", f == null ? null : f.partnerId())
                    .put("units", n));
        });
        return out;
    }
}
