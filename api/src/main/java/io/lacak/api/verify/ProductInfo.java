package io.lacak.api.verify;

import io.lacak.api.product.ProductJson;
import io.lacak.registration.product.Products;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public information of registered products (Pasal 25), read once per product and kept: public
 * verification answers from memory. Only NIEs the reference data knows are asked for, so the cache
 * is bounded by the number of registered products, whatever the public sends. Registered products
 * are not changed after registration today; a route that changes one must drop it from here.
 */
final class ProductInfo {

    private final Products products;
    /** A product's Pasal 25 information (encoded once, {@link PreEncoded}), and its NIE validity as a date. */
    record Info(PreEncoded json, LocalDate nieValidUntil) {}

    private final Map<String, Future<Info>> byNie = new ConcurrentHashMap<>();

    ProductInfo(Products products) {
        this.products = products;
    }

    /** The Pasal 25 information of a registered NIE. */
    Future<Info> of(String nie) {
        Future<Info> f = byNie.get(nie);
        if (f == null) {
            f = byNie.computeIfAbsent(nie, k -> products.get(k)
                    .map(p -> new Info(new PreEncoded(ProductJson.details(p)), p.nieValidUntil())));
            f.onFailure(e -> byNie.remove(nie)); // a failed read is asked again next time
        }
        return f;
    }
}
