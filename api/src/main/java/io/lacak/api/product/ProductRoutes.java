package io.lacak.api.product;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Replies;
import io.lacak.registration.product.Products;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Products over HTTP: direct registration of existing NIEs by the regulator; public NIE look-up (Lampiran M.a.4.a). */
public final class ProductRoutes {

    private final Products products;

    public ProductRoutes(Products products) {
        this.products = products;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("registerProduct").addHandler(this::register);
        b.getRoute("getProduct").addHandler(this::get);
    }

    private void register(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        Replies.json(
                ctx,
                201,
                products.register(ProductJson.register(Replies.body(ctx))).map(ProductJson::details));
    }

    /** Public: anyone may look a product up by NIE (Pasal 25, Lampiran M). */
    private void get(RoutingContext ctx) {
        Replies.json(ctx, 200, products.get(ctx.pathParam("nie")).map(ProductJson::details));
    }
}
