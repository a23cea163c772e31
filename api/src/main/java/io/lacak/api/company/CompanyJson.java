package io.lacak.api.company;

import io.lacak.api.http.BodyFields;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.company.Companies;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/** The wire shapes of company registrations and company profiles: bodies into commands, results into JSON. */
public final class CompanyJson {

    private CompanyJson() {}

    /** A registration form's fields (every value text) and its repeated {@code commodities}. */
    static Companies.Submit submit(JsonObject fields, List<String> commodities) {
        BodyFields b = BodyFields.of(fields);
        return b.command(new Companies.Submit(
                b.text("hasNib"),
                b.text("nib"),
                commodities,
                b.text("legalEntity"),
                b.text("name"),
                b.text("npwp"),
                b.text("industryStatus"),
                b.text("productionLicenceDate"),
                b.text("businessField"),
                b.text("leader"),
                b.text("employees"),
                b.text("deedNumber"),
                b.text("deedDate"),
                b.text("notary"),
                b.text("iuiTdp"),
                b.text("businessStatus"),
                b.text("responsibleName"),
                b.text("responsibleEmail"),
                b.text("responsiblePhone")));
    }

    static Companies.Decide decide(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Companies.Decide(b.text("decision"), b.text("note")));
    }

    static JsonObject company(Companies.Company c) {
        return new JsonObject()
                .put("id", c.id())
                .put("status", c.status().name())
                .put("hasNib", c.hasNib())
                .put("nib", c.nib())
                .put("commodities", new JsonArray(c.commodities()))
                .put("legalEntity", name(c.legalEntity()))
                .put("name", c.name())
                .put("npwp", c.npwp())
                .put("industryStatus", name(c.industryStatus()))
                .put("productionLicenceDate", date(c.productionLicenceDate()))
                .put("businessField", c.businessField())
                .put("leader", c.leader())
                .put("employees", c.employees())
                .put("deedNumber", c.deedNumber())
                .put("deedDate", c.deedDate().toString())
                .put("notary", c.notary())
                .put("iuiTdp", c.iuiTdp())
                .put("businessStatus", c.active() ? "ACTIVE" : "INACTIVE")
                .put("responsibleName", c.responsibleName())
                .put("responsibleEmail", c.responsibleEmail())
                .put("responsiblePhone", c.responsiblePhone())
                .put("note", c.note())
                .put("createdAt", c.createdAt().toString());
    }

    static JsonObject filed(Workflow.Filed<Companies.Company> f) {
        return WorkflowJson.filed(f, CompanyJson::company);
    }

    static JsonArray list(List<Companies.Company> companies) {
        return WorkflowJson.each(companies, CompanyJson::company);
    }

    /** The caller's company with its plants and their dosage forms. */
    public static JsonObject profile(CompanyProfile.Profile p) {
        return company(p.company()).put("plants", WorkflowJson.each(p.plants(), plant -> new JsonObject()
                .put("id", plant.id())
                .put("name", plant.name())
                .put("address", plant.address())
                .put("dosageForms", WorkflowJson.each(plant.dosageForms(), CompanyJson::dosageForm))));
    }

    /** A dosage form as the profile and certifications show it. */
    public static JsonObject dosageForm(CompanyProfile.PlantDosageForm d) {
        return new JsonObject()
                .put("id", d.id())
                .put("dosageForm", d.dosageForm())
                .put("productionLicenceNumber", d.productionLicenceNumber())
                .put("productionLicenceDate", date(d.productionLicenceDate()));
    }

    public static CompanyProfile.AddPlant addPlant(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new CompanyProfile.AddPlant(b.text("name"), b.text("address")));
    }

    public static CompanyProfile.AddDosageForm addDosageForm(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new CompanyProfile.AddDosageForm(
                b.text("dosageForm"), b.text("productionLicenceNumber"), b.text("productionLicenceDate")));
    }

    public static CompanyProfile.ProductionLicence productionLicence(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new CompanyProfile.ProductionLicence(
                b.text("productionLicenceNumber"), b.text("productionLicenceDate")));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
