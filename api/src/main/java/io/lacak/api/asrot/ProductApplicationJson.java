package io.lacak.api.asrot;

import io.lacak.api.http.BodyFields;
import io.lacak.api.payment.PaymentJson;
import io.lacak.api.product.ProductJson;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.asrot.NewDraft;
import io.lacak.registration.asrot.ProductApplication;
import io.lacak.registration.asrot.ProductApplications;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire shapes of product applications: a draft's body (which the contract leaves unchecked, so
 * wrong types are passed on for the domain to list in place) and a step into commands, applications
 * into JSON.
 */
final class ProductApplicationJson {

    private ProductApplicationJson() {}

    static NewDraft draft(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        String registrationType = b.text("registrationType");
        String commodity = b.text("commodity");
        String kbli = b.text("kbli");
        String businessScale = b.text("businessScale");
        String name = b.text("name");
        String dosageForm = b.text("dosageForm");
        List<String> packaging = texts(b.values("packaging"));
        String compositionBasis = b.text("compositionBasis");
        List<NewDraft.Item> composition = items(b.values("composition"));
        String claims = b.text("claims");
        String dosage = b.text("dosage");
        String warnings = b.text("warnings");
        String storage = b.text("storage");
        String holder = b.text("holder", "holder must be a partner ID");
        return new NewDraft(
                registrationType,
                commodity,
                kbli,
                businessScale,
                name,
                dosageForm,
                packaging,
                compositionBasis,
                composition,
                claims,
                dosage,
                warnings,
                storage,
                holder,
                b.malformed());
    }

    /** Each element as text, {@code null} where it is not. */
    private static List<String> texts(List<Object> values) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(v instanceof String s ? s : null));
        return out;
    }

    /** Each element as an ingredient, {@code null} where it is not an object. */
    private static List<NewDraft.Item> items(List<Object> values) {
        if (values == null) {
            return null;
        }
        List<NewDraft.Item> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v instanceof JsonObject o) {
                BodyFields b = BodyFields.of(o);
                String description = b.text("description");
                String ingredient = b.text("ingredient");
                String role = b.text("role");
                String unit = b.text("unit");
                out.add(new NewDraft.Item(description, ingredient, role, unit, b.number("amount"), b.malformed()));
            } else {
                out.add(null);
            }
        }
        return out;
    }

    static ProductApplications.Act act(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new ProductApplications.Act(
                b.text("action"), b.text("note"), b.text("ossLicenceCode"), b.text("ossLicenceId")));
    }

    static JsonObject application(ProductApplication a) {
        return new JsonObject()
                .put("id", a.id())
                .put("number", a.number())
                .put("status", a.status().name())
                .put("statusText", a.status().asrot())
                .put("holder", a.holder())
                .put("registrationType", a.registrationType())
                .put("commodity", a.commodity())
                .put("kbli", a.kbli())
                .put("businessScale", a.businessScale())
                .put("name", a.name())
                .put("dosageForm", a.dosageForm())
                .put("packaging", new JsonArray(a.packaging()))
                .put("compositionBasis", a.compositionBasis())
                .put("composition", WorkflowJson.each(a.composition(), i -> new JsonObject()
                        .put("description", i.description())
                        .put("ingredient", i.ingredient())
                        .put("role", i.role().name())
                        .put("amount", i.amount())
                        .put("unit", i.unit())))
                .put("claims", a.claims())
                .put("dosage", a.dosage())
                .put("warnings", a.warnings())
                .put("storage", a.storage())
                .put(
                        "oss",
                        new JsonObject()
                                .put("preRegistration", oss(a.preRegistration()))
                                .put("registration", oss(a.registration())))
                .put("note", a.note())
                .put(
                        "draftDeletedOn",
                        a.draftDeletedOn() == null ? null : a.draftDeletedOn().toString())
                .put("nie", a.nie())
                .put("createdAt", a.createdAt().toString());
    }

    private static JsonObject oss(ProductApplication.OssLicence l) {
        return new JsonObject().put("licenceCode", l.licenceCode()).put("licenceId", l.licenceId());
    }

    static JsonArray list(List<ProductApplication> applications) {
        return WorkflowJson.each(applications, ProductApplicationJson::application);
    }

    /** An application with documents, history and payment orders, and {@code product} once it has an NIE. */
    static JsonObject details(ProductApplications.Details d) {
        JsonObject out = WorkflowJson.filed(d.filed(), ProductApplicationJson::application)
                .put("paymentOrders", PaymentJson.orders(d.paymentOrders()));
        return d.product() == null ? out : out.put("product", ProductJson.details(d.product()));
    }
}
