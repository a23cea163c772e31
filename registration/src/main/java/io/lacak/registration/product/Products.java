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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
 * <p>{@code products.register(json).compose(p -> products.get(p.getString("nie")))}
 */
public final class Products {

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
    public Future<JsonObject> register(JsonObject body) {
        Fields f = new Fields(body);
        String nie = f.text("nie", NIE, "1-16 letters or digits (Lampiran C)");
        String name = f.text("name", null, null);
        String holderId = f.text("holder", null, null);
        Category category = f.choice("category", Category.class);
        DrugClass drugClass = body.containsKey("drugClass") ? f.choice("drugClass", DrugClass.class) : null;
        if (category == Category.DRUG && drugClass == null && !body.containsKey("drugClass")) {
            f.add("drugClass", "REQUIRED", "drugClass (golongan, Pasal 3) is required for a drug");
        }
        boolean designated = f.bool("designatedAuthentication", false);
        String dosageForm = f.text("dosageForm", null, null);
        String packaging = f.text("packaging", null, null);
        LocalDate validUntil = f.date("nieValidUntil");
        String gtin = f.optionalText("gtin", GTIN, "14 digits (GTIN-14; pad a GTIN-13 with a leading 0)");
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
    public Future<JsonObject> get(String nie) {
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
                    return json(rows.iterator().next());
                });
    }

    private static JsonObject json(Row r) {
        LocalDate validUntil = r.getLocalDate("nie_valid_until");
        return new JsonObject()
                .put("nie", r.getString("nie"))
                .put("name", r.getString("name"))
                .put("nieValidUntil", validUntil.toString())
                .put(
                        "holder",
                        new JsonObject()
                                .put("partnerId", r.getString("partner_id"))
                                .put("name", r.getString("holder_name"))
                                .put("address", r.getString("holder_address")))
                .put("packaging", r.getString("packaging"))
                .put("category", r.getString("commodity"))
                .put("drugClass", r.getString("drug_class"))
                .put("dosageForm", r.getString("dosage_form"))
                .put(
                        "method",
                        r.getBoolean("authentication")
                                ? TwoDMethod.AUTHENTICATION.name()
                                : TwoDMethod.IDENTIFICATION.name())
                .put("gtins", new JsonArray(List.of((Object[]) r.getArrayOfStrings("gtins"))))
                // Pasal 14-15: the identification code (90)NIE(91)YYMMDD, written by the core codec
                .put(
                        "identificationCode",
                        Gs1Payload.identification(r.getString("nie"), validUntil)
                                .bracketed())
                // Pasal 14: the electronic NIE's identification code is a QR Code Badan POM issues; its image
                .put(
                        "identificationQr",
                        "/api/v1/barcodes?symbology=qr&code="
                                + java.net.URLEncoder.encode(
                                        Gs1Payload.identification(r.getString("nie"), validUntil)
                                                .bracketed(),
                                        java.nio.charset.StandardCharsets.UTF_8));
    }
}
