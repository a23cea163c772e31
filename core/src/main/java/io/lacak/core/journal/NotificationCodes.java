package io.lacak.core.journal;

import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The codes a facility's notification is about, each with its state now (issue 20: the dashboard
 * shows them, not only their count): an incoming shipment's, a return's awaiting the decision, an
 * incoming recall shipment's (the codes the event addressed to the facility, read from the journal
 * event itself); a decision's or a recall receipt's (the codes of the event the facility held
 * before it); a recall notice's affected stock at the facility (Lampiran L.a.5: the batch's codes
 * it holds, or that are on their way to it, as custody has them; a code packed in a container is
 * listed as its container, which carries it).
 *
 * <p>{@code codes.of(facilityRef, notificationId, 100) // null when the facility has no such notification}
 */
public final class NotificationCodes {

    /** A decision's codes are looked up this many at a time for the facility that held them before. */
    private static final int ANSWER_CANDIDATES = 10_000;

    private final Vertx vertx;
    private final Pool pool;
    private final ReferenceData ref;

    public NotificationCodes(Vertx vertx, Pool pool, ReferenceData ref) {
        this.vertx = vertx;
        this.pool = pool;
        this.ref = ref;
    }

    /** The keys found and how many there are in all (more than the keys when the limit cut them). */
    private record Listed(List<byte[]> keys, int total) {}

    /** One page being gathered, in the event's order: the first {@code offset} codes passed over, then up to {@code limit} kept. */
    private static final class Page {
        /** Where the page starts in the event's codes. */
        final int offset;

        private int skip;
        private final int limit;
        final List<byte[]> keys = new ArrayList<>();

        Page(int offset, int limit) {
            this.offset = offset;
            this.skip = offset;
            this.limit = limit;
        }

        boolean full() {
            return keys.size() >= limit;
        }

        /** How many more codes the page passes over or keeps. */
        int wanted() {
            return skip + limit - keys.size();
        }

        void offer(byte[] key) {
            if (skip > 0) {
                skip--;
            } else if (!full()) {
                keys.add(key);
            }
        }
    }

    /** The first {@code limit} codes: {@link #of(int, long, int, int)} at offset 0. */
    public Future<JsonObject> of(int facility, long id, int limit) {
        return of(facility, id, 0, limit);
    }

    /**
     * Up to {@code limit} codes of notification {@code id} of {@code facility} after the first
     * {@code offset}, as {@code {id, kind, total, offset, codes: [{code, status, holder,
     * counterparty}]}}; {@code null} when the facility has no such notification. Pages follow the
     * event's order (a recall notice's stock: by code), read as things stand when each is asked for.
     */
    public Future<JsonObject> of(int facility, long id, int offset, int limit) {
        // the notification first, then its event in its own shard's journal: on Citus a router query each
        return pool.preparedQuery("select kind, seq, codes, shard from notification where id = $1 and facility = $2")
                .execute(Tuple.of(id, facility))
                .compose(found -> {
                    if (found.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    Row n = found.iterator().next();
                    return pool.preparedQuery("select effects, bulk from journal where shard = $1 and seq = $2")
                            .execute(Tuple.of(n.getInteger("shard"), n.getLong("seq")))
                            .compose(rows -> rows.size() == 0
                                    ? Future.succeededFuture(null)
                                    : codes(
                                            facility,
                                            id,
                                            new Page(offset, limit),
                                            n,
                                            rows.iterator().next()));
                });
    }

    private Future<JsonObject> codes(int facility, long id, Page page, Row n, Row r) {
        int shard = n.getInteger("shard");
        Notices.Kind kind = Notices.Kind.valueOf(n.getString("kind"));
        long seq = n.getLong("seq");
        Long bulk = r.getLong("bulk");
        Buffer stored = r.getBuffer("effects");
        byte[] effects = stored == null ? null : stored.getBytes();
        int counted = n.getInteger("codes");
        Future<Listed> listed =
                switch (kind) {
                    case RECALL_NOTICE -> heldHere(shard, facility, effects, page);
                    case INCOMING_SHIPMENT, RETURN_AWAITING_DECISION, INCOMING_RECALL_SHIPMENT ->
                        addressed(shard, facility, addressedStatus(kind), effects, bulk, page)
                                .map(keys -> new Listed(keys, counted));
                    default -> heldBefore(shard, facility, seq, effects, page).map(keys -> new Listed(keys, counted));
                };
        int offset = page.offset;
        return listed.compose(l -> describe(shard, l.keys()).map(codes -> new JsonObject()
                .put("id", id)
                .put("kind", kind.name())
                .put("total", Math.max(l.total(), offset + codes.size()))
                .put("offset", offset)
                .put("codes", codes)));
    }

    /** The status the event gave the codes it addressed to the facility (as {@link Notices} counts them). */
    private static CodeStatus addressedStatus(Notices.Kind kind) {
        return switch (kind) {
            case INCOMING_SHIPMENT -> CodeStatus.IN_TRANSIT;
            case RETURN_AWAITING_DECISION -> CodeStatus.RETURN_PENDING;
            default -> CodeStatus.RECALL_IN_TRANSIT;
        };
    }

    /** The event's codes addressed to {@code facility} with {@code status}: the commit's, then a bulk report's parts. */
    private Future<List<byte[]>> addressed(
            int shard, int facility, CodeStatus status, byte[] effects, Long bulk, Page page) {
        return collect(effects, page, facility, status)
                .compose(v -> bulk == null || page.full()
                        ? Future.succeededFuture(page.keys)
                        : parts(shard, bulk, 0, page, facility, status));
    }

    private Future<List<byte[]>> parts(int shard, long bulk, int part, Page page, int facility, CodeStatus status) {
        return pool.preparedQuery("select part, effects from journal_part where shard = $3 and bulk = $1 and part >= $2"
                        + " order by part limit 1")
                .execute(Tuple.of(bulk, part, shard))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(page.keys);
                    }
                    Row row = rows.iterator().next();
                    return collect(row.getBuffer("effects").getBytes(), page, facility, status)
                            .compose(v -> page.full()
                                    ? Future.succeededFuture(page.keys)
                                    : parts(shard, bulk, row.getInteger("part") + 1, page, facility, status));
                });
    }

    /** Decodes one event's (or part's) effects on a worker: an event of a million codes takes seconds. */
    private Future<Void> collect(byte[] effects, Page page, int facility, CodeStatus status) {
        if (effects == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(
                () -> {
                    CodeState s = new CodeState();
                    for (Map.Entry<ByteBuffer, byte[]> e :
                            Effects.decode(effects).states().entrySet()) {
                        if (page.full()) {
                            break;
                        }
                        s.readFrom(e.getValue());
                        if (s.counterparty() == facility && (status == null || s.status() == status)) {
                            page.offer(e.getKey().array());
                        }
                    }
                    return null;
                },
                false);
    }

    /**
     * A decision's or recall receipt's codes that {@code facility} held just before the event, looked
     * up {@link #ANSWER_CANDIDATES} of the event's codes at a time until the page is full.
     */
    private Future<List<byte[]>> heldBefore(int shard, int facility, long seq, byte[] effects, Page page) {
        if (effects == null) {
            return Future.succeededFuture(page.keys);
        }
        return vertx.executeBlocking(
                        () -> Effects.decode(effects).codeKeys().stream()
                                .map(ByteBuffer::array)
                                .toList(),
                        false)
                .compose(all -> heldBefore(shard, facility, seq, all, 0, page));
    }

    private Future<List<byte[]>> heldBefore(int shard, int facility, long seq, List<byte[]> all, int from, Page page) {
        if (from >= all.size() || page.full()) {
            return Future.succeededFuture(page.keys);
        }
        int to = Math.min(all.size(), from + ANSWER_CANDIDATES);
        Buffer[] keys = all.subList(from, to).stream().map(Buffer::buffer).toArray(Buffer[]::new);
        return pool.preparedQuery("select k.key from unnest($1::bytea[]) with ordinality k(key, i)"
                        + " join lateral (select b.holder from custody b where b.shard = $5 and b.key = k.key and b.seq < $2"
                        + " order by b.seq desc limit 1) prev on true where prev.holder = $3 order by k.i limit $4")
                .execute(Tuple.tuple()
                        .addArrayOfBuffer(keys)
                        .addLong(seq)
                        .addInteger(facility)
                        .addInteger(page.wanted())
                        .addInteger(shard))
                .compose(rows -> {
                    rows.forEach(r -> page.offer(r.getBuffer(0).getBytes()));
                    return heldBefore(shard, facility, seq, all, to, page);
                });
    }

    /**
     * Lampiran L.a.5: the recalled batch's codes at {@code facility} now, held there or on their way
     * to it, by each code's last custody row; packed codes are left to their container.
     */
    private Future<Listed> heldHere(int shard, int facility, byte[] effects, Page page) {
        return vertx.executeBlocking(
                        () -> effects == null
                                ? List.<Integer>of()
                                : Effects.decode(effects).recalledBatches(),
                        false)
                .compose(batches -> pool.preparedQuery("select c.key, count(*) over () as total from"
                                + " (select distinct key from custody where shard = $4 and batch = any($1)"
                                + " and (holder = $2 or counterparty = $2)) c"
                                + " join lateral (select x.status, x.holder, x.counterparty, x.parent from custody x"
                                + " where x.shard = $4 and x.key = c.key order by x.seq desc limit 1) l on true"
                                + " where l.parent = 0 and ((l.holder = $2 and l.status in ('ACTIVE', 'HELD'))"
                                + " or (l.counterparty = $2 and l.status in ('IN_TRANSIT', 'RETURN_PENDING',"
                                + " 'RECALL_IN_TRANSIT'))) order by c.key limit $3 offset $5")
                        .execute(Tuple.tuple()
                                .addArrayOfInteger(batches.toArray(new Integer[0]))
                                .addInteger(facility)
                                .addInteger(page.limit)
                                .addInteger(shard)
                                .addInteger(page.offset)))
                .compose(rows -> {
                    List<byte[]> keys = new ArrayList<>();
                    int total = 0;
                    for (Row r : rows) {
                        keys.add(r.getBuffer("key").getBytes());
                        total = r.getInteger("total");
                    }
                    if (keys.isEmpty() && page.offset > 0) { // past the end: the count from the first page
                        return heldHere(shard, facility, effects, new Page(0, 1))
                                .map(first -> new Listed(List.of(), first.total()));
                    }
                    return Future.succeededFuture(new Listed(keys, total));
                });
    }

    /** Each code as its text, with its state now (its last custody row), in the order given. */
    private Future<JsonArray> describe(int shard, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        Buffer[] array = keys.stream().map(Buffer::buffer).toArray(Buffer[]::new);
        return pool.preparedQuery("select k.i, l.status, l.holder, l.counterparty, l.batch"
                        + " from unnest($1::bytea[]) with ordinality k(key, i)"
                        + " join lateral (select x.status, x.holder, x.counterparty, x.batch from custody x"
                        + " where x.shard = $2 and x.key = k.key order by x.seq desc limit 1) l on true order by k.i")
                .execute(Tuple.tuple().addArrayOfBuffer(array).addInteger(shard))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        byte[] key = keys.get(r.getLong("i").intValue() - 1);
                        out.add(new JsonObject()
                                .put("code", text(key, r.getInteger("batch")))
                                .put("status", r.getString("status"))
                                .put("holder", partner(r.getInteger("holder")))
                                .put("counterparty", partner(r.getInteger("counterparty"))));
                    }
                    return out;
                });
    }

    /** {@code (90)NIE(10)BATCH(17)YYMMDD(21)SERIAL} (Lampiran C.2), the form every report and scan takes. */
    private String text(byte[] key, int batchRef) {
        String serial = CodeKey.serial(key);
        Product p = ref.product(CodeKey.productId(key));
        Batch b = ref.batch(batchRef);
        return p == null || b == null
                ? serial
                : Gs1Payload.authentication(p.nie(), b.batch(), b.expiry(), serial)
                        .bracketed();
    }

    private String partner(int facilityRef) {
        Facility f = facilityRef == 0 ? null : ref.facility(facilityRef);
        return f == null ? null : f.partnerId();
    }
}
