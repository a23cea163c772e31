package io.lacak.registration.company;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.kbli.DosageForm;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The profile an approved company completes after its first login (seed 002, "Akun Saya ->
 * Profile Perusahaan"): its plants (Daftar Pabrik) and the dosage forms each makes (Bentuk
 * Sediaan), with the production licence (nomor and tanggal izin produksi) that a dosage form needs
 * before it can be certified.
 *
 * <p>{@code profile.company(caller).compose(row -> ...)}
 */
public final class CompanyProfile {

    private static final Pattern TEXT = Pattern.compile("(?s).{1,1000}");

    private final Pool pool;

    public CompanyProfile(Pool pool) {
        this.pool = pool;
    }

    /** The approved company whose account is the caller's; FORBIDDEN for any other account. */
    public Future<Row> company(Caller caller) {
        return pool.preparedQuery("select * from company where account_id = $1 and status = 'APPROVED'")
                .execute(Tuple.of(caller.accountId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.forbidden(
                                "NOT_A_COMPANY",
                                "only the account of an approved company registration (seed 002)"
                                        + " has a company profile");
                    }
                    return rows.iterator().next();
                });
    }

    /** The caller's company with its plants and their dosage forms. */
    public Future<JsonObject> get(Caller caller) {
        return company(caller).compose(c -> pool.preparedQuery(
                        "select p.id as plant_id, p.name, p.address, f.id as form_id,"
                                + " f.dosage_form, f.production_licence_number, f.production_licence_date from plant p"
                                + " left join plant_dosage_form f on f.plant_id = p.id where p.company_id = $1 order by p.id, f.id")
                .execute(Tuple.of(c.getLong("id")))
                .map(rows -> {
                    Map<Integer, JsonObject> plants = new LinkedHashMap<>();
                    rows.forEach(r -> {
                        JsonObject plant = plants.computeIfAbsent(r.getInteger("plant_id"), id -> new JsonObject()
                                .put("id", id)
                                .put("name", r.getString("name"))
                                .put("address", r.getString("address"))
                                .put("dosageForms", new JsonArray()));
                        if (r.getInteger("form_id") != null) {
                            plant.getJsonArray("dosageForms").add(dosageForm(r));
                        }
                    });
                    return Companies.json(c)
                            .put(
                                    "plants",
                                    new JsonArray(plants.values().stream()
                                            .map(Object.class::cast)
                                            .toList()));
                }));
    }

    /** A dosage form as the profile and certifications show it. */
    public static JsonObject dosageForm(Row r) {
        LocalDate date = r.getLocalDate("production_licence_date");
        return new JsonObject()
                .put("id", r.getInteger("form_id"))
                .put("dosageForm", r.getString("dosage_form"))
                .put("productionLicenceNumber", r.getString("production_licence_number"))
                .put("productionLicenceDate", date == null ? null : date.toString());
    }

    /** Seed 002 "Daftar Pabrik: Tambah". */
    public Future<JsonObject> addPlant(Caller caller, JsonObject body) {
        Fields f = new Fields(body);
        String name = f.text("name", TEXT, "the plant's name");
        String address = f.text("address", TEXT, "the plant's address");
        f.check();
        return company(caller)
                .compose(c -> pool.preparedQuery("insert into plant (company_id, name, address) values ($1, $2, $3)")
                        .execute(Tuple.of(c.getLong("id"), name, address)))
                .compose(v -> get(caller));
    }

    /** Seed 002 "Bentuk Sediaan: Tambah", with the production licence when there is one. */
    public Future<JsonObject> addDosageForm(Caller caller, int plantId, JsonObject body) {
        Fields f = new Fields(body);
        DosageForm form = f.choice("dosageForm", DosageForm.class);
        String number = f.optionalText("productionLicenceNumber", TEXT, "the production licence number");
        LocalDate date = body.getValue("productionLicenceDate") == null ? null : f.date("productionLicenceDate");
        if ((number == null) != (date == null) && f.ok()) {
            f.add(
                    number == null ? "productionLicenceNumber" : "productionLicenceDate",
                    "REQUIRED",
                    "a production licence has both its number and its date");
        }
        f.check();
        return company(caller)
                .compose(c -> pool.preparedQuery("insert into plant_dosage_form (plant_id, dosage_form,"
                                + " production_licence_number, production_licence_date) select id, $3, $4, $5 from plant"
                                + " where id = $1 and company_id = $2")
                        .execute(Tuple.of(plantId, c.getLong("id"), form.name(), number, date)))
                .compose(rows -> rows.rowCount() == 1
                        ? get(caller)
                        : Future.failedFuture(Refusal.notFound("your company has no plant " + plantId)));
    }

    /** Seed 002 "Edit Sediaan -> Izin Produksi -> Nomor dan Tanggal". */
    public Future<JsonObject> setProductionLicence(Caller caller, int formId, JsonObject body) {
        Fields f = new Fields(body);
        String number = f.text("productionLicenceNumber", TEXT, "the production licence number");
        LocalDate date = f.date("productionLicenceDate");
        f.check();
        return company(caller)
                .compose(c -> pool.preparedQuery(
                                "update plant_dosage_form f set production_licence_number = $3,"
                                        + " production_licence_date = $4 from plant p where f.id = $1 and p.id = f.plant_id and p.company_id = $2")
                        .execute(Tuple.of(formId, c.getLong("id"), number, date)))
                .compose(rows -> rows.rowCount() == 1
                        ? get(caller)
                        : Future.failedFuture(Refusal.notFound("your company has no dosage form " + formId)));
    }
}
