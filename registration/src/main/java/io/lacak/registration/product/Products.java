package io.lacak.registration.product;

import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Products with their marketing authorisation (NIE): registered directly by the regulator (existing
 * NIEs) with what verification shows (Pasal 25) and what decides the 2D method (Pasal 3). A new
 * product joins the track-and-trace reference data at once.
 *
 * <p>{@code products.register(new Register("DKL1234567890A1", ...)).map(Details::identificationCode)}
 */
public final class Products {

    /**
     * A product as the regulator registers it: text ({@code null} when absent), {@code
     * nieValidUntil} yyyy-mm-dd, {@code designatedAuthentication} Pasal 3(4)-(5); {@link #register}
     * checks it.
     */
    public record Register(
            String nie,
            String name,
            String holder,
            String category,
            String drugClass,
            Boolean designatedAuthentication,
            String dosageForm,
            String packaging,
            String nieValidUntil,
            String gtin) {}

    /** The NIE holder as the public sees it. */
    public record Holder(String partnerId, String name, String address) {}

    /**
     * A product's public information (Pasal 25): name, NIE and its validity, holder, packaging,
     * category and golongan, dosage form, the 2D method (Pasal 3), its GTINs, and the identification
     * code (90)NIE(91)YYMMDD of Pasal 14-15.
     */
    public record Details(
            String nie,
            String name,
            LocalDate nieValidUntil,
            Holder holder,
            String packaging,
            Category category,
            DrugClass drugClass,
            String dosageForm,
            TwoDMethod method,
            List<String> gtins,
            String identificationCode) {}

    /** Lampiran C: the NIE in (90) is up to 16 alphanumerics. */
    static final Pattern NIE = Pattern.compile("[A-Za-z0-9]{1,16}");

    private static final Pattern GTIN = Pattern.compile("\\d{14}");

    private final Pool pool;
    private final ReferenceData ref;

    public Products(Pool pool, ReferenceData ref) {
        this.pool = pool;
        this.ref = ref;
    }

    /** Registers a product; the holder must be a registered manufacturer (the pelaku usaha holding the NIE). */
    public Future<Details> register(Register cmd) {
        Fields f = Fields.of();
        String nie = f.text("nie", cmd.nie(), NIE, "1-16 letters or digits (Lampiran C)");
        String name = f.text("name", cmd.name(), null, null);
        String holderId = f.text("holder", cmd.holder(), null, null);
        Category category = f.choice("category", cmd.category(), Category.class);
        DrugClass drugClass = cmd.drugClass() != null ? f.choice("drugClass", cmd.drugClass(), DrugClass.class) : null;
        if (category == Category.DRUG && cmd.drugClass() == null) {
            f.add("drugClass", "REQUIRED", "drugClass (golongan, Pasal 3) is required for a drug");
        }
        boolean designated = Boolean.TRUE.equals(cmd.designatedAuthentication());
        String dosageForm = f.text("dosageForm", cmd.dosageForm(), null, null);
        String packaging = f.text("packaging", cmd.packaging(), null, null);
        LocalDate validUntil = f.date("nieValidUntil", cmd.nieValidUntil());
        String gtin = f.optionalText("gtin", cmd.gtin(), GTIN, "14 digits (GTIN-14; pad a GTIN-13 with a leading 0)");
        if (gtin != null && !Gs1CheckDigit.valid(gtin, 0, 14)) {
            f.add("gtin", "GTIN_CHECK_DIGIT", "GTIN " + gtin + " has a wrong check digit");
        }
        Facility holder = holderId == null ? null : ref.facility(holderId);
        if (holderId != null && (holder == null || holder.type() != FacilityType.MANUFACTURER)) {
            f.add(
                    "holder",
                    "NOT_A_MANUFACTURER",
                    "the NIE holder must be a registered manufacturer; " + holderId + " is not");
        }
        f.check();
        TwoDMethod method = TwoDMethod.of(category, drugClass, designated);
        return pool.withTransaction(c -> insert(
                                c, nie, name, holderId, method, validUntil, category, drugClass, dosageForm, packaging)
                        .compose(id -> gtin == null
                                ? Future.succeededFuture(id)
                                : c.preparedQuery(
                                                "insert into product_gtin (gtin, product_id) values ($1, $2) on conflict do nothing")
                                        .execute(Tuple.of(gtin, id))
                                        .compose(rows -> rows.rowCount() == 1
                                                ? Future.succeededFuture(id)
                                                : Future.failedFuture(Refusal.conflict(
                                                        "GTIN_TAKEN",
                                                        "GTIN " + gtin + " belongs to another product")))))
                .compose(id -> {
                    joined(id, nie, holder.ref());
                    if (gtin != null) {
                        ref.addGtin(gtin, id); // Pasal 8(3): codes may carry the holder's GTIN
                    }
                    return get(nie);
                });
    }

    /**
     * Inserts a product through {@code c} (a transaction's connection, or the pool); its id, or a CONFLICT refusal
     * when the NIE is taken. Once committed, {@link #joined} makes it known to track and trace.
     */
    public static Future<Integer> insert(
            SqlClient c,
            String nie,
            String name,
            String holder,
            TwoDMethod method,
            LocalDate validUntil,
            Category category,
            DrugClass drugClass,
            String dosageForm,
            String packaging) {
        return c.preparedQuery("insert into product (nie, name, holder, authentication, nie_valid_until, commodity,"
                        + " drug_class, dosage_form, packaging) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " on conflict (nie) do nothing returning id")
                .execute(Tuple.from(new Object[] {
                    nie,
                    name,
                    holder,
                    method == TwoDMethod.AUTHENTICATION,
                    validUntil,
                    category.name(),
                    drugClass == null ? null : drugClass.name(),
                    dosageForm,
                    packaging
                }))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(
                                Refusal.conflict("NIE_TAKEN", "a product with NIE " + nie + " is registered"))
                        : Future.succeededFuture(rows.iterator().next().getInteger(0)));
    }

    /** A committed product joins the track-and-trace reference data. */
    public void joined(int id, String nie, int holderRef) {
        ref.addProduct(new Product(id, nie, holderRef));
    }

    /**
     * Public product information by NIE (Pasal 25; Lampiran M.a.4.a NIE look-up): name, NIE and its
     * validity, name and address of the holder, packaging, the 2D method and the identification code
     * (Pasal 14-15); NOT_FOUND when no product has the NIE.
     */
    public Future<Details> get(String nie) {
        return pool.preparedQuery(
                        "select p.nie, p.name, p.authentication, p.nie_valid_until, p.commodity, p.drug_class,"
                                + " p.dosage_form, p.packaging, f.partner_id, f.name as holder_name, f.address as holder_address,"
                                + " array(select g.gtin from product_gtin g where g.product_id = p.id order by g.gtin) as gtins"
                                + " from product p left join facility f on f.partner_id = p.holder where p.nie = $1")
                .execute(Tuple.of(nie))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.notFound("no product is registered with NIE " + nie);
                    }
                    return details(rows.iterator().next());
                });
    }

    private static Details details(Row r) {
        LocalDate validUntil = r.getLocalDate("nie_valid_until");
        String drugClass = r.getString("drug_class");
        String category = r.getString("commodity");
        return new Details(
                r.getString("nie"),
                r.getString("name"),
                validUntil,
                new Holder(r.getString("partner_id"), r.getString("holder_name"), r.getString("holder_address")),
                r.getString("packaging"),
                category == null ? null : Category.valueOf(category),
                drugClass == null ? null : DrugClass.valueOf(drugClass),
                r.getString("dosage_form"),
                r.getBoolean("authentication") ? TwoDMethod.AUTHENTICATION : TwoDMethod.IDENTIFICATION,
                List.of(r.getArrayOfStrings("gtins")),
                // Pasal 14-15: the identification code (90)NIE(91)YYMMDD, written by the core codec
                Gs1Payload.identification(r.getString("nie"), validUntil).bracketed());
    }
}
