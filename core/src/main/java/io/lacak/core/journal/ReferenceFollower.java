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
 * Issue 21: a standby's reference data kept up with what the owner registers and issues: the
 * facilities, products (with the GTINs registered with them) and issuances (with the GTIN each was
 * requested under, Pasal 8(3)) made since, by id above the highest seen. None of them changes once
 * made, so adding is all there is to do; batches and recall flags come with the journal's effects.
 * One that a transaction committed after a higher id's is missed here; harmless on a standby, whose
 * verify leaves to the owner what its reference data does not know, and the takeover reloads it all
 * ({@link Sequencer#refreshReferenceData}).
 *
 * <p>{@code ReferenceFollower f = new ReferenceFollower(pool, ref); f.follow(); // every second}
 */
public final class ReferenceFollower {

    private final Pool pool;
    private final ReferenceData ref;
    private int facility;
    private int product;
    private long issuance;

    /** Its first {@link #follow()} reads everything (adding to {@code ref} what it lacks); the next ones what is new. */
    public ReferenceFollower(Pool pool, ReferenceData ref) {
        this.pool = pool;
        this.ref = ref;
    }

    /** What was made since the last call, added to the reference data. */
    public Future<Void> follow() {
        return pool.preparedQuery("select ref, partner_id, type from facility where ref > $1 order by ref")
                .execute(Tuple.of(facility))
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
                            .execute(Tuple.of(product));
                })
                .compose(rows -> {
                    int from = product;
                    for (Row r : rows) {
                        ref.addProduct(new Product(r.getInteger("id"), r.getString("nie"), r.getInteger("holder")));
                        product = Math.max(product, r.getInteger("id"));
                    }
                    return pool.preparedQuery("select gtin, product_id from product_gtin where product_id > $1")
                            .execute(Tuple.of(from));
                })
                .compose(rows -> {
                    rows.forEach(r -> ref.addGtin(r.getString("gtin"), r.getInteger("product_id")));
                    return IssuanceService.since(pool, issuance);
                })
                .map(list -> {
                    for (Issuance i : list) {
                        ref.issued(i);
                        issuance = Math.max(issuance, i.id());
                    }
                    return null;
                });
    }
}
