package io.lacak.registration.company;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.kbli.DosageForm;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The caller's company as registered, with its plants. */
    public record Profile(Companies.Company company, List<Plant> plants) {}

    /** A plant (Daftar Pabrik) and the dosage forms it makes. */
    public record Plant(int id, String name, String address, List<PlantDosageForm> dosageForms) {}

    /** A dosage form a plant makes, with its production licence (both null until there is one). */
    public record PlantDosageForm(
            int id, String dosageForm, String productionLicenceNumber, LocalDate productionLicenceDate) {}

    /** A plant as sent: name and address ({@code null} when absent). */
    public record AddPlant(String name, String address) {}

    /** A dosage form as sent: the form, and the production licence's number and date when there is one. */
    public record AddDosageForm(String dosageForm, String productionLicenceNumber, String productionLicenceDate) {}

    /** A production licence as sent: number and date yyyy-mm-dd. */
    public record ProductionLicence(String productionLicenceNumber, String productionLicenceDate) {}

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
    public Future<Profile> get(Caller caller) {
        return company(caller).compose(c -> pool.preparedQuery(
                        "select p.id as plant_id, p.name, p.address, f.id as form_id,"
                                + " f.dosage_form, f.production_licence_number, f.production_licence_date from plant p"
                                + " left join plant_dosage_form f on f.plant_id = p.id where p.company_id = $1 order by p.id, f.id")
                .execute(Tuple.of(c.getLong("id")))
                .map(rows -> {
                    Map<Integer, Plant> plants = new LinkedHashMap<>();
                    rows.forEach(r -> {
                        Plant plant = plants.computeIfAbsent(
                                r.getInteger("plant_id"),
                                id -> new Plant(id, r.getString("name"), r.getString("address"), new ArrayList<>()));
                        if (r.getInteger("form_id") != null) {
                            plant.dosageForms().add(dosageForm(r));
                        }
                    });
                    return new Profile(Companies.company(c), List.copyOf(plants.values()));
                }));
    }

    /** A dosage form of a row with {@code form_id}, {@code dosage_form} and the production licence's columns. */
    public static PlantDosageForm dosageForm(Row r) {
        return new PlantDosageForm(
                r.getInteger("form_id"),
                r.getString("dosage_form"),
                r.getString("production_licence_number"),
                r.getLocalDate("production_licence_date"));
    }

    /** Seed 002 "Daftar Pabrik: Tambah". */
    public Future<Profile> addPlant(Caller caller, AddPlant cmd) {
        Fields f = Fields.of();
        String name = f.text("name", cmd.name(), TEXT, "the plant's name");
        String address = f.text("address", cmd.address(), TEXT, "the plant's address");
        f.check();
        return company(caller)
                .compose(c -> pool.preparedQuery("insert into plant (company_id, name, address) values ($1, $2, $3)")
                        .execute(Tuple.of(c.getLong("id"), name, address)))
                .compose(v -> get(caller));
    }

    /** Seed 002 "Bentuk Sediaan: Tambah", with the production licence when there is one. */
    public Future<Profile> addDosageForm(Caller caller, int plantId, AddDosageForm cmd) {
        Fields f = Fields.of();
        DosageForm form = f.choice("dosageForm", cmd.dosageForm(), DosageForm.class);
        String number = f.optionalText(
                "productionLicenceNumber", cmd.productionLicenceNumber(), TEXT, "the production licence number");
        LocalDate date = cmd.productionLicenceDate() == null
                ? null
                : f.date("productionLicenceDate", cmd.productionLicenceDate());
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
    public Future<Profile> setProductionLicence(Caller caller, int formId, ProductionLicence cmd) {
        Fields f = Fields.of();
        String number =
                f.text("productionLicenceNumber", cmd.productionLicenceNumber(), TEXT, "the production licence number");
        LocalDate date = f.date("productionLicenceDate", cmd.productionLicenceDate());
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
