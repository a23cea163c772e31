package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.IssuanceService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Issue 21: a node's reference data kept up with what other nodes register and issue: the
 * facilities, products (with the GTINs registered with them), issuances (with the GTIN each was
 * requested under, Pasal 8(3)) and batches (with their recall flags) made since. None of the first
 * three changes once made, so adding is all there is to do. Each round reads again the last {@link
 * #WINDOW} ids below the highest seen: one that a transaction committed after a higher id's is
 * taken in then, unless that many ids came after it meanwhile. On a standby, whose verify leaves to
 * the owner what it does not know, the takeover reloads it all ({@link Sequencer#refreshReferenceData}).
 *
 * <p>{@code ReferenceFollower f = new ReferenceFollower(pool, ref); f.follow(); // every second}
 */
public final class ReferenceFollower {

    /** Ids below the highest seen that each round reads again (a registration committed late). */
    static final int WINDOW = 256;

    private final Pool pool;
    private final ReferenceData ref;
    private final boolean batches;
    private int facility;
    private int product;
    private long issuance;
    private int batch;
    /** The round running now, or the last one. */
    private Future<Void> running;

    /**
     * Its first {@link #follow()} reads everything (adding to {@code ref} what it lacks); the next
     * ones what is new. No batches: a standby's come with the journal it follows.
     */
    public ReferenceFollower(Pool pool, ReferenceData ref) {
        this(pool, ref, false);
    }

    /**
     * As above; with {@code batches}, the batches every shard's writer made and their recall flags
     * too (a node writing some shards: the others' batches come with no journal it reads).
     */
    public ReferenceFollower(Pool pool, ReferenceData ref, boolean batches) {
        this.pool = pool;
        this.ref = ref;
        this.batches = batches;
    }

    /**
     * A follower of what is made from now on (and the last {@link #WINDOW} ids before), batches
     * included: for reference data loaded whole already.
     */
    public static ReferenceFollower fromNow(Pool pool, ReferenceData ref) {
        ReferenceFollower f = new ReferenceFollower(pool, ref, true);
        f.facility = ref.highestFacility();
        f.product = ref.highestProduct();
        f.issuance = ref.highestIssuance();
        f.batch = ref.nextBatchRef() - 1;
        return f;
    }

    /** What was made since the last call, added to the reference data; a call while one runs shares it. */
    public synchronized Future<Void> follow() {
        if (running != null && !running.isComplete()) {
            return running;
        }
        running = round();
        return running;
    }

    private Future<Void> round() {
        return pool.preparedQuery("select ref, partner_id, type from facility where ref > $1 order by ref")
                .execute(Tuple.of(facility - WINDOW))
                .compose(rows -> {
                    for (Row r : rows) {
                        ref.addFacility(new Facility(
                                r.getInteger("ref"),
                                r.getString("partner_id"),
                                FacilityType.valueOf(r.getString("type"))));
                        facility = Math.max(facility, r.getInteger("ref"));
                    }
                    return pool.preparedQuery("select p.id, p.nie, coalesce(f.ref, 0) as holder from product p"
                                    + " left join facility f on f.partner_id = p.holder where p.id > $1 order by p.id")
                            .execute(Tuple.of(product - WINDOW));
                })
                .compose(rows -> {
                    int from = product - WINDOW;
                    for (Row r : rows) {
                        ref.addProduct(new Product(r.getInteger("id"), r.getString("nie"), r.getInteger("holder")));
                        product = Math.max(product, r.getInteger("id"));
                    }
                    return pool.preparedQuery("select gtin, product_id from product_gtin where product_id > $1")
                            .execute(Tuple.of(from));
                })
                .compose(rows -> {
                    rows.forEach(r -> ref.addGtin(r.getString("gtin"), r.getInteger("product_id")));
                    return IssuanceService.since(pool, issuance - WINDOW);
                })
                .compose(list -> {
                    for (Issuance i : list) {
                        ref.issued(i);
                        issuance = Math.max(issuance, i.id());
                    }
                    return batches ? followBatches() : Future.succeededFuture();
                });
    }

    private Future<Void> followBatches() {
        return pool.preparedQuery(
                        "select ref, product_id, batch, expiry, recalled from batch where ref > $1 or recalled")
                .execute(Tuple.of(batch - WINDOW))
                .map(rows -> {
                    for (Row r : rows) {
                        int b = r.getInteger("ref");
                        if (ref.batch(b) == null) {
                            ref.addBatch(new ReferenceData.Batch(
                                    b, r.getInteger("product_id"), r.getString("batch"), r.getLocalDate("expiry")));
                        }
                        if (r.getBoolean("recalled")) {
                            ref.recall(b);
                        }
                        batch = Math.max(batch, b);
                    }
                    return null;
                });
    }
}
