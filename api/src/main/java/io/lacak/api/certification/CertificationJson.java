package io.lacak.api.certification;

import io.lacak.api.company.CompanyJson;
import io.lacak.api.http.BodyFields;
import io.lacak.api.payment.PaymentJson;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.certification.Certification;
import io.lacak.registration.certification.Certifications;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The wire shapes of certifications: forms and decisions into commands, applications into JSON. */
final class CertificationJson {

    private CertificationJson() {}

    /** An application's form fields (every value text) and its repeated {@code dosageForms}. */
    static Certifications.Apply apply(JsonObject fields, List<String> dosageForms) {
        BodyFields b = BodyFields.of(fields);
        return b.command(new Certifications.Apply(
                b.text("type"),
                b.text("letterNumber"),
                b.text("letterDate"),
                b.text("ripApprovalNumber"),
                dosageForms));
    }

    static Certifications.Decide decide(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(
                new Certifications.Decide(b.text("decision"), b.text("note"), b.text("result"), b.number("amount")));
    }

    static JsonObject certification(Certification c) {
        Certification.Certificate cert = c.certificate();
        return new JsonObject()
                .put("id", c.id())
                .put("companyId", c.companyId())
                .put("type", c.type().name())
                .put("status", c.status().name())
                .put("letterNumber", c.letterNumber())
                .put("letterDate", c.letterDate().toString())
                .put("ripApprovalNumber", c.ripApprovalNumber())
                .put("note", c.note())
                .put(
                        "certificate",
                        cert == null
                                ? null
                                : new JsonObject()
                                        .put("number", cert.number())
                                        .put("issuedOn", cert.issuedOn().toString())
                                        .put("validUntil", cert.validUntil().toString())
                                        .put("download", "/api/v1/certifications/" + c.id() + "/certificate"))
                .put("createdAt", c.createdAt().toString());
    }

    static JsonArray list(List<Certification> certifications) {
        return WorkflowJson.each(certifications, CertificationJson::certification);
    }

    /** An application with documents, history, payment orders and the dosage forms it certifies. */
    static JsonObject details(Certifications.Details d) {
        return WorkflowJson.filed(d.filed(), CertificationJson::certification)
                .put("paymentOrders", PaymentJson.orders(d.paymentOrders()))
                .put("dosageForms", WorkflowJson.each(d.dosageForms(), f -> CompanyJson.dosageForm(f.form())
                        .put("plant", f.plant())));
    }
}
