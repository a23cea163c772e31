package io.lacak.registration.asrot;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A product application as its row holds it, and its ASROT number ({@code EREG2026} and the id). */
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

    static ProductApplication application(Row r, ReferenceData ref) {
        Facility holder = ref.facility(r.getInteger("holder"));
        return new ProductApplication(
                r.getLong("id"),
                number(r),
                ApplicationStatus.valueOf(r.getString("status")),
                holder.partnerId(),
                r.getString("registration_type"),
                r.getString("commodity"),
                r.getString("kbli"),
                r.getString("business_scale"),
                r.getString("name"),
                r.getString("dosage_form"),
                List.of(r.getArrayOfStrings("packaging")),
                r.getString("composition_basis"),
                composition(r.getJsonArray("composition")),
                r.getString("claims"),
                r.getString("dosage"),
                r.getString("warnings"),
                r.getString("storage"),
                new ProductApplication.OssLicence(
                        r.getString("oss_prereg_licence_code"), r.getString("oss_prereg_licence_id")),
                new ProductApplication.OssLicence(
                        r.getString("oss_reg_licence_code"), r.getString("oss_reg_licence_id")),
                r.getString("note"),
                r.getLocalDate("draft_delete_on"),
                r.getString("nie"),
                r.getOffsetDateTime("created_at").toInstant());
    }

    /** The jsonb {@code composition} column, as the store wrote it. */
    private static List<ProductApplication.Ingredient> composition(JsonArray stored) {
        List<ProductApplication.Ingredient> out = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            JsonObject o = stored.getJsonObject(i);
            out.add(new ProductApplication.Ingredient(
                    o.getString("description"),
                    o.getString("ingredient"),
                    ProductApplication.Role.valueOf(o.getString("role")),
                    o.getDouble("amount"),
                    o.getString("unit")));
        }
        return out;
    }
}
