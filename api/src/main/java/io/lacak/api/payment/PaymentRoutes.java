package io.lacak.api.payment;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Replies;
import io.lacak.registration.payment.Payments;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The bank's payment confirmation over HTTP: {@code POST /api/v1/payments}, through the contract ({@link Payments}). */
public final class PaymentRoutes {

    private final Payments payments;

    public PaymentRoutes(Payments payments) {
        this.payments = payments;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("confirmPayment")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        payments.confirm(PaymentJson.confirm(Replies.body(ctx)), Authentication.caller(ctx))
                                .map(PaymentJson::confirmed)));
    }
}
