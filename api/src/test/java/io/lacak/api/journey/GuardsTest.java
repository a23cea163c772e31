package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what (seed 004 accounts, regulator-only registration, API keys) and what bad input
 * gets: a 4xx problem document listing every item, and a server that stays up.
 */
class GuardsTest {

    static final int BODY_LIMIT = 64 * 1024;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(BODY_LIMIT);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void loginGivesATokenThatActsForTheAccountsFacility() throws Exception {
        String token = api.login("apotek", api.password(PHARMACY));
        HttpResponse<Buffer> feed = api.get("/api/v1/notifications", token);
        assertThat(feed.statusCode()).as(feed.bodyAsString()).isEqualTo(200);

        HttpResponse<Buffer> wrong = api.post(
                "/api/v1/login",
                null,
                new JsonObject().put("username", "apotek").put("password", "wrong password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> nobody = api.post(
                "/api/v1/login",
                null,
                new JsonObject().put("username", "nobody").put("password", "wrong password"));
        assertThat(nobody.bodyAsJsonObject().getString("detail"))
                .isEqualTo(wrong.bodyAsJsonObject().getString("detail"));
        assertThat(api.get("/api/v1/notifications", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/notifications", null).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheRegulatorRegistersFacilitiesProductsAndAccounts() throws Exception {
        JsonObject facility = new JsonObject()
                .put("partnerId", "RS-001")
                .put("type", "HOSPITAL")
                .put("name", "RSUD Contoh")
                .put("address", "Jl. Sehat 1, Surabaya")
                .put("npwp", "01.234.567.8-901.000")
                .put("responsiblePerson", "Apt. Siti")
                .put("phone", "+62 31 555 0101")
                .put("email", "farmasi@rsud.example");
        assertThat(api.post("/api/v1/facilities", api.key(MANUFACTURER), facility)
                        .statusCode())
                .isEqualTo(403);

        String admin = api.login("regulator", Api.ADMIN_PASSWORD);
        HttpResponse<Buffer> created = api.post("/api/v1/facilities", admin, facility);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(api.post("/api/v1/facilities", admin, facility).statusCode()).isEqualTo(409);
        List<Object> hospitals = api.get("/api/v1/facilities?type=HOSPITAL", api.key(DISTRIBUTOR))
                .bodyAsJsonArray()
                .getList();
        assertThat(hospitals).hasSize(1);

        HttpResponse<Buffer> account = api.post(
                "/api/v1/accounts",
                admin,
                new JsonObject()
                        .put("username", "apoteker.rs")
                        .put("password", "a long enough password")
                        .put("fullName", "Apt. Siti")
                        .put("facilities", new JsonArray().add("RS-001")));
        assertThat(account.statusCode()).as(account.bodyAsString()).isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/accounts",
                                api.login("apoteker.rs", "a long enough password"),
                                new JsonObject()
                                        .put("username", "x.y.z")
                                        .put("password", "a long enough password")
                                        .put("fullName", "X"))
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<Buffer> product = api.post(
                "/api/v1/products",
                admin,
                new JsonObject()
                        .put("nie", "DKL2612345678A1")
                        .put("name", "Morfin 10 mg injeksi")
                        .put("holder", MANUFACTURER)
                        .put("category", "DRUG")
                        .put("drugClass", "NARCOTIC")
                        .put("dosageForm", "injeksi")
                        .put("packaging", "Dus, 10 ampul @ 1 ml")
                        .put("nieValidUntil", "2030-01-31")
                        .put("gtin", "08991234567891"));
        assertThat(product.statusCode()).as(product.bodyAsString()).isEqualTo(201);
        assertThat(product.bodyAsJsonObject().getJsonArray("gtins")).containsExactly("08991234567891"); // Pasal 8(3)
        JsonObject sameGtin = new JsonObject()
                .put("nie", "DKL2612345679A1")
                .put("name", "Morfin 20 mg")
                .put("holder", MANUFACTURER)
                .put("category", "DRUG")
                .put("drugClass", "NARCOTIC")
                .put("dosageForm", "injeksi")
                .put("packaging", "Dus")
                .put("nieValidUntil", "2030-01-31")
                .put("gtin", "08991234567891");
        assertThat(api.post("/api/v1/products", admin, sameGtin).statusCode()).isEqualTo(409);
        assertThat(api.get("/api/v1/products/DKL2612345679A1", null).statusCode())
                .isEqualTo(404); // nothing half-registered
        assertThat(api.post("/api/v1/products", admin, sameGtin.put("gtin", "08991234567892"))
                        .bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("GTIN_CHECK_DIGIT");
        // Pasal 3(2): narcotics carry authentication codes; Pasal 14-15: the identification code is (90)NIE(91)YYMMDD
        assertThat(product.bodyAsJsonObject().getString("method")).isEqualTo("AUTHENTICATION");
        assertThat(product.bodyAsJsonObject().getString("identificationCode"))
                .isEqualTo("(90)DKL2612345678A1(91)300131");
        assertThat(api.get("/api/v1/products/DKL2612345678A1", null)
                        .bodyAsJsonObject()
                        .getJsonObject("holder")
                        .getString("name"))
                .isEqualTo("PT Demo Farma"); // public NIE look-up, Pasal 25
    }

    @Test
    void badRegistrationFieldsAreAllListed() throws Exception {
        String admin = api.login("regulator", Api.ADMIN_PASSWORD);
        HttpResponse<Buffer> r = api.post(
                "/api/v1/facilities",
                admin,
                new JsonObject()
                        .put("partnerId", "X")
                        .put("type", "SHOP")
                        .put("name", "n")
                        .put("address", "a")
                        .put("npwp", "123")
                        .put("responsiblePerson", "p")
                        .put("phone", "abc")
                        .put("email", "not-an-email"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fields(r)).contains("partnerId", "type", "npwp", "phone", "email");
    }

    @Test
    void apiKeysAreShownOnceAndStopWorkingWhenRevoked() throws Exception {
        String token = api.login("pbf", api.password(DISTRIBUTOR));
        HttpResponse<Buffer> created = api.post(
                "/api/v1/facilities/" + DISTRIBUTOR + "/api-keys", token, new JsonObject().put("label", "gudang 2"));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String key = created.bodyAsJsonObject().getString("key");
        assertThat(api.get("/api/v1/notifications", key).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/facilities/" + PHARMACY + "/api-keys", token, new JsonObject().put("label", "x"))
                        .statusCode())
                .isEqualTo(403);

        int id = created.bodyAsJsonObject().getInteger("id");
        assertThat(api.send(HttpMethod.DELETE, "/api/v1/api-keys/" + id, token, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/notifications", key).statusCode()).isEqualTo(401);
    }

    @Test
    void malformedJsonWrongTypesAndUnknownFieldsAreRefusedWithEveryProblem() throws Exception {
        String mfr = api.key(MANUFACTURER);
        HttpResponse<Buffer> broken =
                api.send(HttpMethod.POST, "/api/v1/shipments", mfr, Buffer.buffer("{\"codes\": [\"(90)"));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.getHeader("content-type")).isEqualTo("application/problem+json");

        HttpResponse<Buffer> types = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B1")
                        .put("expiry", "2028-01-31")
                        .put("primaries", "ten")
                        .put("perSecondary", 10)
                        .put("perTertiary", true)
                        .put("colour", "red"));
        assertThat(types.statusCode()).isEqualTo(400);
        assertThat(fields(types)).containsExactlyInAnyOrder("primaries", "perTertiary", "colour");
        assertThat(types.bodyAsString()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void theSaleEndpointChecksTheShapeItselfAndListsEveryProblem() throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/sales",
                api.key(PHARMACY),
                new JsonObject()
                        .put("codes", "not a list")
                        .put("mode", "FAST")
                        .put("colour", 1)
                        .put("occurredAt", 5));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fields(r)).containsExactlyInAnyOrder("codes", "mode", "colour", "occurredAt");
        HttpResponse<Buffer> array =
                api.send(HttpMethod.POST, "/api/v1/sales", api.key(PHARMACY), Buffer.buffer("[1, 2]"));
        assertThat(array.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> empty =
                api.post("/api/v1/sales", api.key(PHARMACY), new JsonObject().put("codes", new JsonArray()));
        assertThat(fields(empty)).containsExactly("codes");
    }

    @Test
    void badAndUnknownCodesAreListedOneByOneAndNothingIsApplied() throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/shipments",
                api.key(MANUFACTURER),
                codes(
                                "(90)" + AUTH_NIE + "(10)B1(17)281231(21)ABCDEFGH2345",
                                "(90)" + AUTH_NIE + "(10)B1(17)281399(21)ABCDEFGH2345",
                                "(90)NOSUCHNIE(10)B1(17)281231(21)ABCDEFGH2345",
                                "\u0000\u00ff garbage")
                        .put("destination", DISTRIBUTOR));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fields(r)).contains("codes[1]", "codes[2]", "codes[3]").doesNotContain("codes[0]");

        HttpResponse<Buffer> unknown = api.post(
                "/api/v1/shipments",
                api.key(MANUFACTURER),
                codes("(90)" + AUTH_NIE + "(10)B1(17)281231(21)ABCDEFGH2345").put("destination", DISTRIBUTOR));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(fields(unknown)).containsExactly("codes[0]");
        assertThat(unknown.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("UNKNOWN_CODE");
    }

    @Test
    void anOversizedBodyIs413AndTheServerStaysUp() throws Exception {
        JsonArray many = new JsonArray();
        for (int i = 0; i < 2_000; i++) {
            many.add("(90)" + AUTH_NIE + "(10)B1(17)281231(21)ABCDEFGH" + i);
        }
        HttpResponse<Buffer> r = api.post("/api/v1/sales", api.key(PHARMACY), new JsonObject().put("codes", many));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theContractIsServedAndMetricsAreTimedByRouteGroup() throws Exception {
        HttpResponse<Buffer> contract = api.get("/openapi.yaml", null);
        assertThat(contract.bodyAsString()).startsWith("openapi: 3.1.0").contains("operationId: reportSale");

        String before = scrape(metricsToken()).bodyAsString();
        assertThat(api.get("/api/v1/code-requests/424242", api.key(MANUFACTURER))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/verify", null, new JsonObject().put("code", "not a code"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/sales", api.key(PHARMACY), new JsonObject().put("codes", "x"))
                        .statusCode())
                .isEqualTo(400);
        Thread.sleep(1_100); // one rendering serves the scrapes of a second: this one is rendered after the requests
        String metrics = scrape(metricsToken()).bodyAsString();
        // one timer per route group and status class, never labelled by path, code or serial (issue 19)
        assertThat(count(metrics, "other", "4xx")).isGreaterThan(count(before, "other", "4xx"));
        assertThat(count(metrics, "verify", "4xx")).isGreaterThan(count(before, "verify", "4xx"));
        assertThat(count(metrics, "reports", "4xx")).isGreaterThan(count(before, "reports", "4xx"));
        assertThat(metrics)
                .contains("lacak_http_server_requests_seconds_sum{group=\"uploads\",outcome=\"2xx\"}")
                .contains("lacak_http_server_connections")
                .contains("vertx_pool_") // the worker pools keep Vert.x's metrics
                .doesNotContain("vertx_http_server_requests") // looked up by tags per request: off
                .doesNotContain("424242")
                .doesNotContain("not a code");
    }

    /** The count of the route timer of {@code group} and {@code outcome} in a scrape. */
    private static double count(String scrape, String group, String outcome) {
        String series =
                "lacak_http_server_requests_seconds_count{group=\"" + group + "\",outcome=\"" + outcome + "\"} ";
        int at = scrape.indexOf(series);
        assertThat(at).as(series).isNotNegative();
        int end = scrape.indexOf('\n', at);
        return Double.parseDouble(scrape.substring(at + series.length(), end).strip());
    }

    @Test
    void metricsWantTheTokenOfTheDataDirectory() throws Exception {
        Path file = api.dataDir.resolve("keys").resolve("metrics.token");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        HttpResponse<Buffer> anonymous = api.get("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.bodyAsString()).doesNotContain("vertx_");
        assertThat(scrape("not-the-token").statusCode()).isEqualTo(401);
        assertThat(api.get("/metrics", api.key(MANUFACTURER)).statusCode())
                .isEqualTo(401); // an API key is not it either
        assertThat(scrape(metricsToken() + "x").statusCode()).isEqualTo(401);

        // a burst of scrapes: one rendering serves them all, every one complete
        List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            burst.add(api.client
                    .get(api.lacak.port(), "127.0.0.1", "/metrics")
                    .putHeader("Authorization", "Bearer " + metricsToken())
                    .send());
        }
        for (Future<HttpResponse<Buffer>> f : burst) {
            HttpResponse<Buffer> r = f.await(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("content-type")).startsWith("text/plain; version=0.0.4");
            assertThat(r.bodyAsString()).contains("lacak_http_server_requests_seconds_count");
        }
    }

    private static String metricsToken() throws Exception {
        return Files.readString(api.dataDir.resolve("keys").resolve("metrics.token"))
                .strip();
    }

    private static HttpResponse<Buffer> scrape(String token) throws Exception {
        return api.client
                .get(api.lacak.port(), "127.0.0.1", "/metrics")
                .putHeader("Authorization", "Bearer " + token)
                .send()
                .await(60, TimeUnit.SECONDS);
    }

    @Test
    void pasal22_23_barcodeImagesOverHttp() throws Exception {
        String code = java.net.URLEncoder.encode(
                "(90)" + AUTH_NIE + "(10)B1(17)281231(21)ABCDEFGH2345", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<Buffer> png =
                api.get("/api/v1/barcodes?code=" + code + "&sizeMm=10&dpi=600", api.key(MANUFACTURER));
        assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(200);
        assertThat(png.getHeader("content-type")).isEqualTo("image/png");
        assertThat(png.body().getBytes(1, 4)).isEqualTo("PNG".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        // Pasal 5(3): a self-issued serial prints as DataMatrix unless QR is asked for
        assertThat(symbologyOf(png.body().getBytes())).isEqualTo(com.google.zxing.BarcodeFormat.DATA_MATRIX);

        HttpResponse<Buffer> svg =
                api.get("/api/v1/barcodes?code=" + code + "&format=svg&symbology=qr&sizeMm=15", api.key(MANUFACTURER));
        assertThat(svg.getHeader("content-type")).isEqualTo("image/svg+xml");
        assertThat(svg.bodyAsString()).contains("viewBox=\"0 0 ").doesNotContain("BPOM RI");

        // Pasal 23(2): "BPOM RI" only on codes Badan POM issued; this serial is the facility's own
        HttpResponse<Buffer> captioned =
                api.get("/api/v1/barcodes?code=" + code + "&caption=true", api.key(MANUFACTURER));
        assertThat(captioned.statusCode()).isEqualTo(422);
        assertThat(captioned
                        .bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("CAPTION_REFUSED");
        assertThat(captioned.bodyAsJsonObject().getString("detail"))
                .contains("Pasal 23")
                .contains("hanya untuk");

        for (String bad : new String[] {"1e3", "%205", "NaN", "99999999999"}) {
            HttpResponse<Buffer> r = api.get("/api/v1/barcodes?code=" + code + "&sizeMm=" + bad, api.key(MANUFACTURER));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.bodyAsJsonObject()
                            .getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("field"))
                    .isEqualTo("sizeMm");
        }

        HttpResponse<Buffer> small = api.get("/api/v1/barcodes?code=" + code + "&sizeMm=5", api.key(MANUFACTURER));
        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(small.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("SIZE_REFUSED");
        assertThat(api.get("/api/v1/barcodes?code=" + code, null).statusCode()).isEqualTo(401);
    }

    static com.google.zxing.BarcodeFormat symbologyOf(byte[] png) throws Exception {
        return new com.google.zxing.MultiFormatReader()
                .decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(
                                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png))))))
                .getBarcodeFormat();
    }

    @Test
    void pasal24_publicVerificationIsRateLimitedPerClientWithAClear429() throws Exception {
        // the default limit: 20 a second with bursts of 40, per client address
        WebClient other = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress("127.0.0.9"));
        HttpResponse<Buffer> refused = null;
        for (int i = 0; i < 400 && refused == null; i++) {
            HttpResponse<Buffer> r = other.request(
                            HttpMethod.GET,
                            api.lacak.port(),
                            "127.0.0.1",
                            "/api/v1/verify?code=%2890%29DKL0000000000X9%2891%29301231")
                    .send()
                    .await(30, TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        other.close();
        assertThat(refused).as("no 429 after 400 requests").isNotNull();
        assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
        // another client is not affected
        assertThat(api.get("/api/v1/verify?code=%2890%29DKL0000000000X9%2891%29301231", null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void loginIsRateLimitedPerClientAgainstPasswordGuessing() throws Exception {
        WebClient guesser = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress("127.0.0.10"));
        HttpResponse<Buffer> refused = null;
        for (int i = 0; i < 400 && refused == null; i++) {
            HttpResponse<Buffer> r = guesser.request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/login")
                    .putHeader("content-type", "application/json")
                    // a new username each time: the per-account limit stays out of it
                    .sendBuffer(Buffer.buffer(new JsonObject()
                            .put("username", "user-" + i)
                            .put("password", "guess-" + i)
                            .encode()))
                    .await(30, TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        guesser.close();
        assertThat(refused).as("no 429 after 400 guesses").isNotNull();
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(api.login("regulator", Api.ADMIN_PASSWORD)).isNotBlank(); // another address is not affected
    }

    @Test
    void issue15_loginIsRateLimitedPerAccountAgainstGuessingFromManyAddresses() throws Exception {
        String admin = api.login("regulator", Api.ADMIN_PASSWORD);
        assertThat(api.post(
                                "/api/v1/accounts",
                                admin,
                                new JsonObject()
                                        .put("username", "target.account")
                                        .put("password", "the right password")
                                        .put("fullName", "Target"))
                        .statusCode())
                .isEqualTo(201);
        // the default: 5 a minute per username with bursts of 10; each address guesses twice, well
        // under its own budget (10 a minute, bursts of 20)
        HttpResponse<Buffer> refused = null;
        int guesses = 0;
        for (int a = 20; a < 60 && refused == null; a++) {
            WebClient guesser = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress("127.0.0." + a));
            for (int i = 0; i < 2 && refused == null; i++, guesses++) {
                HttpResponse<Buffer> r = guesser.request(
                                HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/login")
                        .putHeader("content-type", "application/json")
                        .sendBuffer(Buffer.buffer(new JsonObject()
                                .put("username", "target.account")
                                .put("password", "guess-" + a + i)
                                .encode()))
                        .await(30, TimeUnit.SECONDS);
                if (r.statusCode() == 429) {
                    refused = r;
                } else {
                    assertThat(r.statusCode()).isEqualTo(401);
                }
            }
            guesser.close();
        }
        assertThat(refused).as("no 429 after 80 guesses from 40 addresses").isNotNull();
        assertThat(guesses).isLessThanOrEqualTo(12); // the budget of the account, not of the addresses
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
        // even the right password waits: the account's budget is spent before any password is checked
        assertThat(api.post(
                                "/api/v1/login",
                                null,
                                new JsonObject()
                                        .put("username", "target.account")
                                        .put("password", "the right password"))
                        .statusCode())
                .isEqualTo(429);
        assertThat(api.login("regulator", Api.ADMIN_PASSWORD)).isNotBlank(); // another account is not affected
    }

    @Test
    void unknownPathsAreProblemsToo() throws Exception {
        HttpResponse<Buffer> r = api.get("/api/v1/nothing-here", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    }

    private static List<String> fields(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field"))
                .toList();
    }
}
