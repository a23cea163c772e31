package io.lacak.registration.certification;

import io.lacak.registration.company.CompanyProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;

/** A certification as JSON. */
final class CertificationView {

    private CertificationView() {}

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("companyId", r.getLong("company_id"))
                .put("type", r.getString("type"))
                .put("status", r.getString("status"))
                .put("letterNumber", r.getString("letter_number"))
                .put("letterDate", r.getLocalDate("letter_date").toString())
                .put("ripApprovalNumber", r.getString("rip_approval_number"))
                .put("note", r.getString("note"))
                .put(
                        "certificate",
                        r.getString("certificate_number") == null
                                ? null
                                : new JsonObject()
                                        .put("number", r.getString("certificate_number"))
                                        .put(
                                                "issuedOn",
                                                r.getLocalDate("certified_on").toString())
                                        .put(
                                                "validUntil",
                                                r.getLocalDate("valid_until").toString())
                                        .put("download", "/api/v1/certifications/" + r.getLong("id") + "/certificate"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    }

    /** The dosage forms of {@link CertificationStore#dosageForms}, each with its plant. */
    static JsonArray dosageForms(List<Row> rows) {
        JsonArray forms = new JsonArray();
        rows.forEach(r -> {
            CompanyProfile.PlantDosageForm d = CompanyProfile.dosageForm(r);
            forms.add(new JsonObject()
                    .put("id", d.id())
                    .put("dosageForm", d.dosageForm())
                    .put("productionLicenceNumber", d.productionLicenceNumber())
                    .put(
                            "productionLicenceDate",
                            d.productionLicenceDate() == null
                                    ? null
                                    : d.productionLicenceDate().toString())
                    .put("plant", r.getString("plant")));
        });
        return forms;
    }
}
