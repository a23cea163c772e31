package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.IDENT_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Public verification over HTTP (Pasal 24-25, Lampiran M.a), without login: every verdict from real
 * reports, the Pasal 25 information, the forms a payload comes in, photos, scan repair, and the
 * clone alert. The rate limit is tested in {@link GuardsTest} (this server has none, for speed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyTest {

    static Api api;
    static String mfr;
    static String apt;
    static String regulator;
    static List<String> primaries;
    static List<String> secondaries;
    static List<String> tertiaries;

    static final MovableClock clock = new MovableClock();

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-verify-test"),
                c -> c.setVerifyRate(0).setCloneClients(3).setClock(clock));
        mfr = api.key(MANUFACTURER);
        apt = api.key(PHARMACY);
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "V2611")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 8)
                        .put("perSecondary", 4)
                        .put("perTertiary", 2));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        long id = r.bodyAsJsonObject().getLong("id");
        primaries = api.codes(id, "primary", mfr);
        secondaries = api.codes(id, "secondary", mfr);
        tertiaries = api.codes(id, "tertiary", mfr);
        // P0-P3 active in S0 in T0; P4 rejected; P5 active and sold at the pharmacy; P6 never reported; P7 active
        JsonArray lines = new JsonArray();
        for (int i = 0; i < 4; i++) {
            lines.add(new JsonObject()
                    .put("primary", primaries.get(i))
                    .put("use", "ACTIVE")
                    .put("secondary", secondaries.get(0))
                    .put("tertiary", tertiaries.get(0)));
        }
        lines.add(new JsonObject().put("primary", primaries.get(4)).put("use", "REJECTED"));
        lines.add(new JsonObject().put("primary", primaries.get(5)).put("use", "ACTIVE"));
        lines.add(new JsonObject().put("primary", primaries.get(7)).put("use", "ACTIVE"));
        ok(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines)));
        ok(api.post("/api/v1/shipments", mfr, codes(primaries.get(5)).put("destination", PHARMACY)));
        ok(api.post("/api/v1/receipts", apt, codes(primaries.get(5))));
        ok(api.post("/api/v1/sales", apt, codes(primaries.get(5))));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    static HttpResponse<Buffer> verify(String code) throws Exception {
        return api.get("/api/v1/verify?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), null);
    }

    static JsonObject verdict(String code) throws Exception {
        HttpResponse<Buffer> r = verify(code);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    /** The scanner data of a bracketed NIE code: ]d2, GS after the variable-length (90) and (10). */
    static String scanned(String bracketed) {
        return "]d2"
                + bracketed
                        .replace("(90)", "90")
                        .replace("(10)", "\u001d10")
                        .replace("(17)", "\u001d17")
                        .replace("(21)", "21");
    }

    @Test
    @Order(1)
    void pasal25_aGenuineCodeShowsTheProductHolderPackagingBatchAndExpiry() throws Exception {
        JsonObject a = verdict(primaries.get(0));

        assertThat(a.getString("verdict")).isEqualTo("GENUINE");
        assertThat(a.getBoolean("valid")).isTrue();
        assertThat(a.getString("kind")).isEqualTo("AUTHENTICATION");
        assertThat(a.getString("batch")).isEqualTo("V2611");
        assertThat(a.getString("expiry")).isEqualTo("2028-11-30");
        assertThat(a.getJsonObject("message").getString("id")).contains("asli");
        assertThat(a.getJsonObject("message").getString("en")).contains("Genuine");
        JsonObject p = a.getJsonObject("product"); // Pasal 25 a-e
        assertThat(p.getString("name")).isNotBlank();
        assertThat(p.getString("nie")).isEqualTo(AUTH_NIE);
        assertThat(p.getString("nieValidUntil")).isNotBlank();
        assertThat(p.getJsonObject("holder").getString("name")).isNotBlank();
        assertThat(p.getJsonObject("holder").getString("address")).isNotBlank();
        assertThat(p.getString("packaging")).startsWith("Dus");
        assertThat(a.containsKey("links")).isFalse();
    }

    @Test
    @Order(2)
    void pasal24_everyFormTheCodecReadsIsVerified_scannerDataWithAndWithoutIdentifier_andPost() throws Exception {
        String scanner = scanned(primaries.get(1));
        assertThat(verdict(scanner).getString("verdict")).isEqualTo("GENUINE");
        assertThat(verdict(scanner.substring(3)).getString("verdict")).isEqualTo("GENUINE");
        HttpResponse<Buffer> posted = api.post("/api/v1/verify", null, new JsonObject().put("code", primaries.get(2)));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
        assertThat(posted.bodyAsJsonObject().getString("code")).isEqualTo(primaries.get(2));
    }

    @Test
    @Order(3)
    void lampiranG_rejectedAndNeverReportedCodes() throws Exception {
        assertThat(verdict(primaries.get(4)).getString("verdict")).isEqualTo("REJECTED");
        JsonObject notActive = verdict(primaries.get(6));
        assertThat(notActive.getString("verdict")).isEqualTo("NOT_ACTIVATED");
        assertThat(notActive.getString("batch")).isEqualTo("V2611");
        assertThat(notActive.getJsonObject("links").getString("nieLookup")).isEqualTo("/api/v1/products/" + AUTH_NIE);
        assertThat(notActive.getJsonObject("links").getString("complaint")).isEqualTo("/api/v1/complaints");
    }

    @Test
    @Order(4)
    void pasal24_anUnissuedSerialIsUnknownAndRevealsNothingMore() throws Exception {
        String genuine = primaries.get(0);
        String prefix = genuine.substring(0, genuine.indexOf("(21)") + 4);
        JsonObject a = verdict(prefix + "ZZZZZZZZZZZZ");
        JsonObject b = verdict(prefix + "SHORT1");

        assertThat(a.getString("verdict")).isEqualTo("UNKNOWN");
        assertThat(a.getValue("batch")).isNull();
        assertThat(a.getValue("expiry")).isNull();
        assertThat(a.getJsonObject("links").getString("complaint")).isEqualTo("/api/v1/complaints");
        // the NIE printed beside an unknown serial proves nothing about the pack in hand: no holder named
        // as its maker, only the NIE look-up linked (Lampiran M.a.4.a)
        assertThat(a.containsKey("product")).isTrue();
        assertThat(a.getValue("product")).isNull();
        assertThat(a.getJsonObject("links").getString("nieLookup")).isEqualTo("/api/v1/products/" + AUTH_NIE);
        assertThat(a.getJsonObject("message").getString("id")).contains("tidak membuktikan siapa pembuat");
        // two unknown serials, one in Lacak's format and one not, answer alike but for the code itself
        a.remove("code");
        b.remove("code");
        assertThat(a).isEqualTo(b);
    }

    @Test
    @Order(5)
    void pasal24_batchOrExpiryDifferingFromTheIssuedOnesIsAMismatch() throws Exception {
        JsonObject a = verdict(primaries.get(0).replace("(10)V2611", "(10)X2611"));
        assertThat(a.getString("verdict")).isEqualTo("MISMATCH");
        assertThat(a.getString("batch")).isEqualTo("V2611");
        assertThat(a.getJsonObject("printed").getString("batch")).isEqualTo("X2611");
        assertThat(verdict(primaries.get(6).replace("(17)281130", "(17)291130")).getString("verdict"))
                .isEqualTo("MISMATCH");
    }

    @Test
    @Order(6)
    void pasal25_unknownNieIsInvalid_identificationCodesAreCheckedAgainstTheRegistration() throws Exception {
        JsonObject unknownNie = verdict("(90)DKL0000000000X9(10)B1(17)281231(21)ABCDEFGHJKLM");
        assertThat(unknownNie.getString("verdict")).isEqualTo("NIE_INVALID");
        assertThat(unknownNie.getValue("product")).isNull();
        assertThat(unknownNie.getJsonObject("links").getString("nieLookup"))
                .isEqualTo("/api/v1/products/DKL0000000000X9");

        // Pasal 14-15: (90)NIE(91)validity
        String identification = api.get("/api/v1/products/" + IDENT_NIE, null)
                .bodyAsJsonObject()
                .getString("identificationCode");
        JsonObject ident = verdict(identification);
        assertThat(ident.getString("kind")).isEqualTo("IDENTIFICATION");
        assertThat(ident.getString("verdict")).isEqualTo("NIE_VALID");
        assertThat(ident.getJsonObject("product").getString("nie")).isEqualTo(IDENT_NIE);
        String wrongDate = identification.substring(0, identification.indexOf("(91)") + 4) + "991231";
        assertThat(verdict(wrongDate).getString("verdict")).isEqualTo("MISMATCH");
        assertThat(verdict("(90)DBL0000000000X9(91)301231").getString("verdict"))
                .isEqualTo("NIE_INVALID");
    }

    @Test
    @Order(7)
    void pasal24_expiredGoodsAndAnExpiredNie() throws Exception {
        // Pasal 5(1)b: a self-issued serial, used before its expiry, verified after it
        String expiry = LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"))
                .plusDays(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
        String old = "(90)" + AUTH_NIE + "(10)OLD01(17)" + expiry + "(21)SELF0001";
        ok(api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject()
                        .put(
                                "lines",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("primary", old)
                                                .put("use", "ACTIVE")))));
        clock.pass(java.time.Duration.ofDays(3));
        try {
            assertThat(verdict(old).getString("verdict")).isEqualTo("EXPIRED");
        } finally {
            clock.reset();
        }
        // its codes never go live once the batch has expired
        String late = "(90)" + AUTH_NIE + "(10)OLD02(17)240131(21)SELF0003";
        HttpResponse<Buffer> refused = api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject()
                        .put(
                                "lines",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("primary", late)
                                                .put("use", "ACTIVE"))));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("EXPIRED");

        // a product whose NIE validity has passed
        HttpResponse<Buffer> registered = api.post(
                "/api/v1/products",
                regulator,
                new JsonObject()
                        .put("nie", "DKL1900000009A1")
                        .put("name", "Obat Lama")
                        .put("holder", MANUFACTURER)
                        .put("category", "DRUG")
                        .put("drugClass", "PRESCRIPTION")
                        .put("dosageForm", "tablet")
                        .put("packaging", "Dus, 10 strip @ 10 tablet")
                        .put("nieValidUntil", LocalDate.now().minusDays(1).toString()));
        assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
        String lapsed = "(90)DKL1900000009A1(10)L1(17)301231(21)SELF0002";
        ok(api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject()
                        .put(
                                "lines",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("primary", lapsed)
                                                .put("use", "ACTIVE")))));
        assertThat(verdict(lapsed).getString("verdict")).isEqualTo("NIE_EXPIRED");
        String ident = registered.bodyAsJsonObject().getString("identificationCode");
        assertThat(verdict(ident).getString("verdict")).isEqualTo("NIE_EXPIRED");
    }

    @Test
    @Order(8)
    void lampiranJ_aSoldCodeVerifiedFromManyClientsAlertsTheRegulator() throws Exception {
        String sold = primaries.get(5);
        JsonObject answer = verdict(sold);
        assertThat(answer.getString("verdict")).isEqualTo("SOLD");
        // what a sold code means for someone holding a pack they just bought, in both languages
        assertThat(answer.getJsonObject("message").getString("id"))
                .contains("dijual kepada konsumen", "apotek", "laporkan");
        assertThat(answer.getJsonObject("message").getString("en"))
                .contains("sold to a consumer", "pharmacy", "report it");
        assertThat(alerts()).noneMatch(a -> sold.endsWith(a.getString("serial")));
        // the buyer again (same address), then two more addresses: three different clients
        assertThat(verdict(sold).getString("verdict")).isEqualTo("SOLD");
        assertThat(alerts()).noneMatch(a -> sold.endsWith(a.getString("serial")));
        for (String address : List.of("127.0.0.2", "127.0.0.3")) {
            WebClient other = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress(address));
            HttpResponse<Buffer> r = other.request(
                            HttpMethod.GET,
                            api.lacak.port(),
                            "127.0.0.1",
                            "/api/v1/verify?code=" + URLEncoder.encode(sold, StandardCharsets.UTF_8))
                    .send()
                    .await(30, TimeUnit.SECONDS);
            assertThat(r.bodyAsJsonObject().getString("verdict")).isEqualTo("SOLD");
            other.close();
        }
        Thread.sleep(300); // the alert is kept asynchronously
        assertThat(alerts())
                .filteredOn(a -> sold.endsWith(a.getString("serial")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getString("kind")).isEqualTo("POSSIBLE_CLONE");
                    assertThat(a.getString("partnerId")).isEqualTo(PHARMACY);
                });
    }

    private static List<JsonObject> alerts() throws Exception {
        HttpResponse<Buffer> r = api.get("/api/v1/alerts", regulator);
        return r.bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
    }

    @Test
    @Order(9)
    void lampiranMa_aPhotoOrScreenshotOfTheSymbolIsDecoded() throws Exception {
        Buffer png = api.get(
                        "/api/v1/barcodes?code=" + URLEncoder.encode(primaries.get(7), StandardCharsets.UTF_8)
                                + "&symbology=datamatrix&sizeMm=20&dpi=300",
                        mfr)
                .body();
        HttpResponse<Buffer> raw = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/verify")
                .putHeader("content-type", "image/png")
                .sendBuffer(png)
                .await(30, TimeUnit.SECONDS);
        assertThat(raw.statusCode()).as(raw.bodyAsString()).isEqualTo(200);
        assertThat(raw.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
        assertThat(raw.bodyAsJsonObject().getString("code")).isEqualTo(primaries.get(7));

        // Pasal 5(2): what Lacak issued prints as a QR Code by default, DataMatrix only when asked;
        // Pasal 23(2): and only it may carry "BPOM RI"
        Buffer qr = api.get(
                        "/api/v1/barcodes?code=" + URLEncoder.encode(primaries.get(7), StandardCharsets.UTF_8)
                                + "&sizeMm=20&dpi=300&caption=true",
                        mfr)
                .body();
        assertThat(GuardsTest.symbologyOf(qr.getBytes())).isEqualTo(com.google.zxing.BarcodeFormat.QR_CODE);
        assertThat(GuardsTest.symbologyOf(api.get(
                                "/api/v1/barcodes?code=" + URLEncoder.encode(primaries.get(7), StandardCharsets.UTF_8)
                                        + "&symbology=datamatrix",
                                mfr)
                        .body()
                        .getBytes()))
                .isEqualTo(com.google.zxing.BarcodeFormat.DATA_MATRIX);
        HttpResponse<Buffer> form = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/verify")
                .sendMultipartForm(MultipartForm.create().binaryFileUpload("photo", "scan.png", qr, "image/png"))
                .await(30, TimeUnit.SECONDS);
        assertThat(form.statusCode()).as(form.bodyAsString()).isEqualTo(200);
        assertThat(form.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
    }

    @Test
    @Order(10)
    void lampiranMa_photosAreCheckedByContent() throws Exception {
        HttpResponse<Buffer> notImage = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/verify")
                .putHeader("content-type", "image/png")
                .sendBuffer(Buffer.buffer("GIF89a not a png"))
                .await(30, TimeUnit.SECONDS);
        assertThat(notImage.statusCode()).isEqualTo(415);
        assertThat(notImage.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("photo");

        HttpResponse<Buffer> huge = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/verify")
                .putHeader("content-type", "image/jpeg")
                .sendBuffer(Buffer.buffer(new byte[3 * 1024 * 1024]))
                .await(30, TimeUnit.SECONDS);
        assertThat(huge.statusCode()).isEqualTo(413);

        // a real PNG without any symbol
        java.awt.image.BufferedImage blank =
                new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(blank, "png", out);
        HttpResponse<Buffer> empty = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/verify")
                .putHeader("content-type", "image/png")
                .sendBuffer(Buffer.buffer(out.toByteArray()))
                .await(30, TimeUnit.SECONDS);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.bodyAsJsonObject().getString("code")).isEqualTo("NO_SYMBOL");
    }

    @Test
    @Order(11)
    void lampiranC_anUnreadablePayloadIsA422ListingEveryError_withLinks() throws Exception {
        HttpResponse<Buffer> r = verify("(90)DKL-1(91)281331");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject p = r.bodyAsJsonObject();
        assertThat(p.getJsonArray("errors").size()).as(p.encode()).isGreaterThanOrEqualTo(2);
        assertThat(p.containsKey("links")).as(p.encode()).isTrue();
        assertThat(p.getJsonObject("links").getString("complaint")).isEqualTo("/api/v1/complaints");
        assertThat(p.getValue("suggestion")).isNull();
        assertThat(verify("").statusCode()).isEqualTo(400);
        for (String body : List.of("{\"code\": 42}", "{\"code\": \"x\"", "[1]", "{\"code\": \"x\"} trailing")) {
            HttpResponse<Buffer> bad = api.send(HttpMethod.POST, "/api/v1/verify", null, Buffer.buffer(body));
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(bad.getHeader("content-type")).isEqualTo("application/problem+json");
        }
        HttpResponse<Buffer> other = api.post(
                "/api/v1/verify",
                null,
                new JsonObject()
                        .put("lang", "id")
                        .put("extra", new JsonObject().put("code", "nested"))
                        .put("code", primaries.get(1)));
        assertThat(other.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
        assertThat(verify("x".repeat(600)).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(12)
    void scanRepair_capsLockAndALostSeparatorAreSuggestedNeverGivenAsVerdicts() throws Exception {
        String genuine = primaries.get(3);
        // caps lock on a keyboard-wedge scanner: the whole payload in lower case
        JsonObject lower = verdict(genuine.toLowerCase());
        assertThat(lower.getString("verdict")).isEqualTo("NIE_INVALID");
        assertThat(lower.getJsonObject("suggestion").getString("code")).isEqualTo(genuine);
        assertThat(lower.getJsonObject("suggestion").getString("fault")).isEqualTo("CAPS_LOCK");

        // the GS after (10) lost: (10) swallows (17) and the serial, so the codec refuses or misreads it
        String noGs = scanned(genuine).replace("\u001d17", "17");
        HttpResponse<Buffer> r = verify(noGs);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getJsonObject("suggestion").getString("code")).isEqualTo(genuine);
        assertThat(body.getJsonObject("suggestion").getString("fault")).contains("MISSING_SEPARATOR");
        assertThat(body.getString("verdict", "none")).isNotEqualTo("GENUINE");

        // no suggestion when the repaired code does not exist
        String prefix = genuine.substring(0, genuine.indexOf("(21)") + 4);
        assertThat(verdict((prefix + "ZZZZZZZZZZZZ").toLowerCase()).containsKey("suggestion"))
                .isFalse();
    }

    @Test
    @Order(13)
    void lampiranLa_aRecalledBatchIsRecalledForThePublic() throws Exception {
        ok(api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "V2611")
                        .put("reason", "uji")
                        .put("letterNumber", "PW.01.01.1.2611")));
        JsonObject a = verdict(primaries.get(0));
        assertThat(a.getString("verdict")).isEqualTo("RECALLED");
        assertThat(a.getBoolean("valid")).isFalse();
        assertThat(a.getJsonObject("message").getString("en")).contains("recalled");
    }
}
