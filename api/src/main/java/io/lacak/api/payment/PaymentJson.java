package io.lacak.api.payment;

import io.lacak.api.http.BodyFields;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.payment.PaymentOrders;
import io.lacak.registration.payment.Payments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The wire shapes of payments: the bank's confirmation, its answer, and payment orders (SPB). */
public final class PaymentJson {

    private PaymentJson() {}

    static Payments.Confirm confirm(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Payments.Confirm(b.text("billingNumber"), b.number("amount")));
    }

    static JsonObject confirmed(Payments.Confirmed c) {
        return new JsonObject()
                .put("billingNumber", c.billingNumber())
                .put("subject", c.subject().toString())
                .put("purpose", c.purpose().name())
                .put("status", "PAID");
    }

    /** The payment orders of a workflow, oldest first. */
    public static JsonArray orders(List<PaymentOrders.PaymentOrder> orders) {
        return WorkflowJson.each(orders, o -> new JsonObject()
                .put("number", o.number())
                .put("billingNumber", o.billingNumber())
                .put("purpose", o.purpose().name())
                .put("amount", o.amount())
                .put("issuedAt", o.issuedAt().toString())
                .put("paidAt", o.paidAt() == null ? null : o.paidAt().toString()));
    }
}
