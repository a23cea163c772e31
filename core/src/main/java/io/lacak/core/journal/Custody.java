package io.lacak.core.journal;

import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chain of custody and batch holders (DESIGN.md "Store" queries; Lampiran L.a.5), from the
 * {@code custody} table that {@link #catchUp()} derives from the journal off the report path.
 *
 * <p>{@code custody.catchUp().compose(n -> custody.chain(key))}
 */
public final class Custody {

    private static final int PAGE = 200;
    private static final int INSERT_SLICE = 10_000;
    private static final int PAGE_ROWS = 200_000;
    private static final int MAX_DEPTH = 2;

    private final Vertx vertx;
    private final Pool pool;
    private final CodeStore store;
    private final ReferenceData ref;
    /** The shard whose journal this indexes and whose custody this reads (issue 21). */
    private final int shard;

    public Custody(Vertx vertx, Pool pool, CodeStore store, ReferenceData ref) {
        this(vertx, pool, store, ref, 0);
    }

    /** Issue 21: the custody of {@code shard}, over that shard's {@code store}. */
    public Custody(Vertx vertx, Pool pool, CodeStore store, ReferenceData ref, int shard) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.ref = ref;
        this.shard = shard;
    }

    /** The shard this indexes and reads. */
    public int shard() {
        return shard;
    }

    /**
     * Indexes journal events not yet indexed, and writes the notifications they give rise to; returns
     * how many events. Safe to run at any time, repeatedly.
     */
    public Future<Long> catchUp() {
        if (shard == 0) {
            return indexPage(0); // its watermark row is V3's
        }
        return pool.preparedQuery("insert into custody_watermark (shard, seq) values ($1, 0) on conflict do nothing")
                .execute(Tuple.of(shard))
                .compose(v -> indexPage(0));
    }

    /** What one page of journal events gives: custody rows and notifications. */
    private record Page(long upTo, int events, List<Tuple> custody, Notices notices) {}

    private Future<Long> indexPage(long done) {
        return pool.withTransaction(
                        c -> c.preparedQuery("select seq from custody_watermark where shard = $1 for update")
                                .execute(Tuple.of(shard))
                                .compose(w -> c.preparedQuery(
                                                "select seq, kind, facility, effects, bulk from journal where shard = $3 and seq > $1"
                                                        + " order by seq limit $2")
                                        .execute(Tuple.of(w.iterator().next().getLong(0), PAGE, shard)))
                                .compose(rows -> {
                                    if (rows.size() == 0) {
                                        return Future.succeededFuture(-1L);
                                    }
                                    Row first = rows.iterator().next();
                                    if (first.getLong("bulk") != null) {
                                        return indexBulk(c, first).map(1L);
                                    }
                                    // decoding an event of a million codes takes seconds: never on the event loop
                                    return vertx.executeBlocking(() -> page(rows), false)
                                            .compose(page -> insert(c, page.custody(), 0)
                                                    .compose(v -> page.notices().write(c))
                                                    .compose(v -> c.preparedQuery(
                                                                    "update custody_watermark set seq = $1 where shard = $2")
                                                            .execute(Tuple.of(page.upTo(), shard)))
                                                    .map((long) page.events()));
                                }))
                .compose(n -> n < 0 ? Future.succeededFuture(done) : indexPage(done + n));
    }

    private Page page(RowSet<Row> rows) {
        List<Tuple> custody = new ArrayList<>();
        Notices notices = new Notices(ref, shard);
        long last = 0;
        int events = 0;
        for (Row row : rows) {
            if (custody.size() >= PAGE_ROWS || row.getLong("bulk") != null) {
                break; // the rest next time: a page holds a bounded number of rows, a bulk report a page of its own
            }
            events++;
            last = row.getLong("seq");
            Effects fx = Effects.decode(row.getBuffer("effects").getBytes());
            notices.event(last, row.getString("kind"), row.getInteger("facility"));
            rows(last, fx, custody, notices);
        }
        return new Page(last, events, custody, notices);
    }

    /** The custody rows and notices of one event's effects (or one part of a bulk report's). */
    private void rows(long seq, Effects fx, List<Tuple> custody, Notices notices) {
        CodeState s = new CodeState();
        for (Map.Entry<ByteBuffer, byte[]> e : fx.states().entrySet()) {
            s.readFrom(e.getValue());
            custody.add(Tuple.from(new Object[] {
                Buffer.buffer(e.getKey().array()),
                seq,
                s.status().name(),
                s.holder(),
                s.counterparty(),
                s.parent(),
                s.batch(),
                shard
            }));
            notices.codeChanged(seq, s);
        }
        for (int batch : fx.recalledBatches()) {
            notices.recalled(seq, batch);
        }
    }

    /**
     * A bulk report (issue 18) is indexed alone, a part at a time in the transaction of the
     * watermark, so that a file of a million lines never sits in memory whole; its notices are
     * counted over all its parts and written once.
     */
    private Future<Void> indexBulk(SqlConnection c, Row event) {
        long seq = event.getLong("seq");
        Notices notices = new Notices(ref, shard);
        notices.event(seq, event.getString("kind"), event.getInteger("facility"));
        Effects commit = Effects.decode(event.getBuffer("effects").getBytes());
        return indexParts(c, seq, event.getLong("bulk"), 0, notices)
                .compose(v -> {
                    List<Tuple> custody = new ArrayList<>();
                    rows(seq, commit, custody, notices);
                    return insert(c, custody, 0);
                })
                .compose(v -> notices.write(c))
                .compose(v -> c.preparedQuery("update custody_watermark set seq = $1 where shard = $2")
                        .execute(Tuple.of(seq, shard)))
                .mapEmpty();
    }

    private Future<Void> indexParts(SqlConnection c, long seq, long bulk, int part, Notices notices) {
        return c.preparedQuery("select part, effects from journal_part where shard = $3 and bulk = $1 and part >= $2"
                        + " order by part limit 1")
                .execute(Tuple.of(bulk, part, shard))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    Row row = rows.iterator().next();
                    byte[] bytes = row.getBuffer("effects").getBytes();
                    return vertx.executeBlocking(
                                    () -> {
                                        List<Tuple> custody = new ArrayList<>();
                                        synchronized (notices) {
                                            rows(seq, Effects.decode(bytes), custody, notices);
                                        }
                                        return custody;
                                    },
                                    false)
                            .compose(custody -> insert(c, custody, 0))
                            .compose(v -> indexParts(c, seq, bulk, row.getInteger("part") + 1, notices));
                });
    }

    /** Inserts custody rows a slice at a time, so that no single statement carries a million rows. */
    private Future<Void> insert(SqlConnection c, List<Tuple> rows, int from) {
        if (from >= rows.size()) {
            return Future.succeededFuture();
        }
        int to = Math.min(rows.size(), from + INSERT_SLICE);
        return c.preparedQuery("insert into custody (key, seq, status, holder, counterparty, parent, batch, shard)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing")
                .executeBatch(rows.subList(from, to))
                .compose(v -> insert(c, rows, to));
    }

    /**
     * Whether any of {@code facilities} holds or held a code of the batch, or was sent one: the
     * distribution path a recall notice reaches (Lampiran L.a.5).
     */
    public Future<Boolean> inPathOf(int batchRef, List<Integer> facilities) {
        return pool.preparedQuery(
                        "select 1 from custody where shard = $3 and batch = $1 and (holder = any($2) or counterparty = any($2))"
                                + " limit 1")
                .execute(Tuple.tuple()
                        .addInteger(batchRef)
                        .addArrayOfInteger(facilities.toArray(new Integer[0]))
                        .addInteger(shard))
                .map(rows -> rows.size() > 0);
    }

    /** The chain of custody of a code, oldest first, including its containers' events while packed. */
    public Future<List<CustodyEvent>> chain(byte[] key) {
        return chain(key, 0, Long.MAX_VALUE, false, 0);
    }

    /**
     * Events of {@code key} in {@code (after, upTo]}; before each stretch the code spent packed, its
     * container's events of that stretch. The code's last row at or before {@code after} tells
     * whether the stretch starts packed.
     */
    private Future<List<CustodyEvent>> chain(byte[] key, long after, long upTo, boolean inherited, int depth) {
        return pool.preparedQuery("select c.seq, c.status, c.holder, c.counterparty, c.parent, j.kind, j.facility,"
                        + " j.occurred_at, j.late from custody c join journal j on j.shard = c.shard and j.seq = c.seq"
                        + " where c.shard = $3 and c.key = $1 and c.seq <= $2 order by c.seq")
                .execute(Tuple.of(Buffer.buffer(key), upTo, shard))
                .compose(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    List<Future<List<CustodyEvent>>> parts = new ArrayList<>();
                    int parent = 0;
                    long from = after;
                    for (Row row : list) {
                        long seq = row.getLong("seq");
                        if (seq <= after) {
                            parent = row.getInteger("parent"); // the state the stretch starts in
                            continue;
                        }
                        parts.add(packed(parent, from, seq - 1, depth));
                        parts.add(Future.succeededFuture(List.of(event(row, inherited))));
                        parent = row.getInteger("parent");
                        from = seq;
                    }
                    parts.add(packed(parent, from, upTo, depth));
                    return Future.all(parts).map(all -> {
                        List<CustodyEvent> out = new ArrayList<>();
                        for (int i = 0; i < parts.size(); i++) {
                            out.addAll(all.<List<CustodyEvent>>resultAt(i));
                        }
                        return out;
                    });
                });
    }

    /** While packed in container {@code parent}, a code moves with it: the container's events count. */
    private Future<List<CustodyEvent>> packed(int parent, long after, long upTo, int depth) {
        byte[] containerKey = new byte[CodeKey.SIZE];
        if (parent == 0 || after >= upTo || depth >= MAX_DEPTH || !store.containerKey(parent, containerKey)) {
            return Future.succeededFuture(List.of());
        }
        return chain(containerKey, after, upTo, true, depth + 1);
    }

    private CustodyEvent event(Row row, boolean inherited) {
        return new CustodyEvent(
                row.getLong("seq"),
                row.getString("kind"),
                partner(row.getInteger("facility")),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getBoolean("late"),
                row.getString("status"),
                partner(row.getInteger("holder")),
                partner(row.getInteger("counterparty")),
                inherited);
    }

    private String partner(int facilityRef) {
        ReferenceData.Facility f = facilityRef == 0 ? null : ref.facility(facilityRef);
        return f == null ? null : f.partnerId();
    }

    /**
     * Lampiran L.a.5: every facility that holds or held a code of the batch, or had one addressed to
     * it; the addressees of a recall notice.
     */
    public Future<List<String>> holdersOfBatch(int batchRef) {
        return pool.preparedQuery(
                        "select holder as f from custody where shard = $2 and batch = $1"
                                + " union select counterparty from custody where shard = $2 and batch = $1 and counterparty <> 0")
                .execute(Tuple.of(batchRef, shard))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> {
                        String p = partner(r.getInteger(0));
                        if (p != null) {
                            out.add(p);
                        }
                    });
                    out.sort(null);
                    return out;
                });
    }
}
