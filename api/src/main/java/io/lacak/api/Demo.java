package io.lacak.api;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.registration.account.Accounts;
import io.lacak.registration.account.Passwords;
import io.lacak.registration.facility.Facilities;
import io.lacak.registration.product.Products;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code serve --demo}: a manufacturer with two registered products (one authentication, one
 * identification), a distributor and a pharmacy, each with an account and an API key, so that a
 * newcomer can try every call of the README. Accounts are created once (their passwords printed
 * then); every start with {@code --demo} prints fresh API keys.
 *
 * <p>{@code Demo.seed(services).onSuccess(d -> d.lines().forEach(System.out::println));}
 */
public record Demo(List<String> lines, JsonObject credentials) {

    public static final String MANUFACTURER = "MFR-DEMO";
    public static final String DISTRIBUTOR = "PBF-DEMO";
    public static final String PHARMACY = "APT-DEMO";
    /** A prescription drug (obat keras): authentication codes (Pasal 3(2)). */
    public static final String AUTH_NIE = "DKL2600000001A1";
    /** An OTC drug (obat bebas): identification code (Pasal 3(3)). */
    public static final String IDENT_NIE = "DBL2600000002A1";

    static Future<Demo> seed(Services s) {
        ReferenceData ref = s.sequencer().referenceData();
        boolean fresh = ref.facility(MANUFACTURER) == null;
        JsonObject credentials = new JsonObject();
        List<String> lines = new ArrayList<>();
        Future<?> chain = Future.succeededFuture();
        if (fresh) {
            chain = chain.compose(
                            v -> facility(s, MANUFACTURER, "MANUFACTURER", "PT Demo Farma", "Jl. Industri 1, Bekasi"))
                    .compose(v ->
                            facility(s, DISTRIBUTOR, "DISTRIBUTOR", "PBF Demo Distribusi", "Jl. Gudang 2, Jakarta"))
                    .compose(v -> facility(s, PHARMACY, "PHARMACY", "Apotek Demo Sehat", "Jl. Apotek 3, Bandung"))
                    .compose(v -> s.registration()
                            .products()
                            .register(product(
                                    AUTH_NIE, "Amoxicillin 500 mg kapsul", "PRESCRIPTION", BpomTime.today(s.clock()))))
                    .compose(v -> s.registration()
                            .products()
                            .register(
                                    product(IDENT_NIE, "Parasetamol 500 mg tablet", "OTC", BpomTime.today(s.clock()))))
                    .compose(v -> account(s, "pabrik", MANUFACTURER, credentials))
                    .compose(v -> account(s, "pbf", DISTRIBUTOR, credentials))
                    .compose(v -> account(s, "apotek", PHARMACY, credentials));
        }
        for (String partner : List.of(MANUFACTURER, DISTRIBUTOR, PHARMACY)) {
            chain = chain.compose(v -> s.registration()
                    .apiKeys()
                    .create(ref.facility(partner).ref(), "demo", 0)
                    .map(k -> credentials.put(
                            partner,
                            credentials.getJsonObject(partner, new JsonObject()).put("apiKey", k.key()))));
        }
        return chain.map(v -> {
            lines.add("Demo data" + (fresh ? " created" : " (created on an earlier start; passwords were printed then)")
                    + ":");
            lines.add("  products: " + AUTH_NIE + " (authentication, Amoxicillin), " + IDENT_NIE
                    + " (identification, Parasetamol)");
            for (String partner : List.of(MANUFACTURER, DISTRIBUTOR, PHARMACY)) {
                JsonObject c = credentials.getJsonObject(partner);
                lines.add("  " + partner + ": "
                        + (c.containsKey("username")
                                ? "login " + c.getString("username") + " / " + c.getString("password") + ", "
                                : "")
                        + "X-API-Key " + c.getString("apiKey"));
            }
            return new Demo(List.copyOf(lines), credentials);
        });
    }

    private static Future<?> facility(Services s, String partnerId, String type, String name, String address) {
        return s.registration()
                .facilities()
                .register(new Facilities.Register(
                        partnerId,
                        type,
                        name,
                        address,
                        "012345678901234" + (partnerId.length() % 10),
                        "Apt. Demo",
                        "+62 21 555 0100",
                        partnerId.toLowerCase() + "@demo.lacak.invalid"));
    }

    private static Products.Register product(String nie, String name, String drugClass, LocalDate today) {
        return new Products.Register(
                nie,
                name,
                MANUFACTURER,
                "DRUG",
                drugClass,
                null,
                name.contains("kapsul") ? "kapsul" : "tablet",
                "Dus, 10 strip @ 10 " + (name.contains("kapsul") ? "kapsul" : "tablet"),
                today.plusYears(5).toString(),
                null);
    }

    private static Future<?> account(Services s, String username, String partnerId, JsonObject credentials) {
        String password = Passwords.generate();
        return s.registration()
                .accounts()
                .create(new Accounts.Create(username, password, "Demo " + username, null, null, List.of(partnerId)))
                .map(a -> credentials.put(
                        partnerId, new JsonObject().put("username", username).put("password", password)));
    }
}
