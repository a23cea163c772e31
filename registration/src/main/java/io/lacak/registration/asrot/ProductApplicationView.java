package io.lacak.registration.asrot;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Locale;

/** A product application as JSON, and its ASROT number ({@code EREG2026} and the id). */
final class ProductApplicationView {

    private ProductApplicationView() {}

    /** ASROT's application number: {@code EREG}, the year it was made (Asia/Jakarta), the id in 7 digits. */
    static String number(Row r) {
        return String.format(
                Locale.ROOT,
                "EREG%d%07d",
                BpomTime.dateOf(r.getOffsetDateTime("created_at").toInstant()).getYear(),
                r.getLong("id"));
    }

    static JsonObject json(Row r, ReferenceData ref) {
        ApplicationStatus status = ApplicationStatus.valueOf(r.getString("status"));
        JsonArray packaging = new JsonArray();
        for (String p : r.getArrayOfStrings("packaging")) {
            packaging.add(p);
        }
        Facility holder = ref.facility(r.getInteger("holder"));
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("number", number(r))
                .put("status", status.name())
                .put("statusText", status.asrot())
                .put("holder", holder.partnerId())
                .put("registrationType", r.getString("registration_type"))
                .put("commodity", r.getString("commodity"))
                .put("kbli", r.getString("kbli"))
                .put("businessScale", r.getString("business_scale"))
                .put("name", r.getString("name"))
                .put("dosageForm", r.getString("dosage_form"))
                .put("packaging", packaging)
                .put("compositionBasis", r.getString("composition_basis"))
                .put("composition", r.getJsonArray("composition"))
                .put("claims", r.getString("claims"))
                .put("dosage", r.getString("dosage"))
                .put("warnings", r.getString("warnings"))
                .put("storage", r.getString("storage"))
                .put(
                        "oss",
                        new JsonObject()
                                .put(
                                        "preRegistration",
                                        new JsonObject()
                                                .put("licenceCode", r.getString("oss_prereg_licence_code"))
                                                .put("licenceId", r.getString("oss_prereg_licence_id")))
                                .put(
                                        "registration",
                                        new JsonObject()
                                                .put("licenceCode", r.getString("oss_reg_licence_code"))
                                                .put("licenceId", r.getString("oss_reg_licence_id"))))
                .put("note", r.getString("note"))
                .put(
                        "draftDeletedOn",
                        r.getLocalDate("draft_delete_on") == null
                                ? null
                                : r.getLocalDate("draft_delete_on").toString())
                .put("nie", r.getString("nie"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    }
}
