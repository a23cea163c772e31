package io.lacak.api.product;

import io.lacak.api.http.BodyFields;
import io.lacak.registration.product.Products;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The wire shapes of products: the regulator's registration into a command, a product's public information into JSON. */
public final class ProductJson {

    private ProductJson() {}

    /** The body of {@code POST /api/v1/products}. */
    public static Products.Register register(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Products.Register(
                b.text("nie"),
                b.text("name"),
                b.text("holder"),
                b.text("category"),
                b.text("drugClass"),
                b.bool("designatedAuthentication"),
                b.text("dosageForm"),
                b.text("packaging"),
                b.text("nieValidUntil"),
                b.text("gtin")));
    }

    /** A product's public information (Pasal 25), with the link to its identification QR image (Pasal 14). */
    public static JsonObject details(Products.Details p) {
        return new JsonObject()
                .put("nie", p.nie())
                .put("name", p.name())
                .put("nieValidUntil", p.nieValidUntil().toString())
                .put(
                        "holder",
                        new JsonObject()
                                .put("partnerId", p.holder().partnerId())
                                .put("name", p.holder().name())
                                .put("address", p.holder().address()))
                .put("packaging", p.packaging())
                .put("category", p.category() == null ? null : p.category().name())
                .put("drugClass", p.drugClass() == null ? null : p.drugClass().name())
                .put("dosageForm", p.dosageForm())
                .put("method", p.method().name())
                .put("gtins", new JsonArray(p.gtins()))
                .put("identificationCode", p.identificationCode())
                // Pasal 14: the electronic NIE's identification code is a QR Code Badan POM issues; its image
                .put(
                        "identificationQr",
                        "/api/v1/barcodes?symbology=qr&code="
                                + URLEncoder.encode(p.identificationCode(), StandardCharsets.UTF_8));
    }
}
