package io.lacak.api.journey;

import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.calendar.WorkingDays;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 product registration over HTTP (ASROT): draft, pre-registration with its SPB and
 * payment, registration documents at the counter (returned once), SPB and payment, evaluation with
 * a request for additional data, approval with the NIE and its identification code (Pasal 14-15);
 * the KBLI rules; drafts deleted after 5 working days; who may do what.
 */
class ProductRegistrationTest {

    static Api api;
    static String regulator;
    static String manufacturer;
    static String distributor;
    /** A configured public holiday: the first working day after today, which the draft deadline skips. */
    static final LocalDate HOLIDAY = WorkingDays.of(Set.of()).plus(LocalDate.now(ZoneId.of("Asia/Jakarta")), 1);

    static final Buffer PDF = Buffer.buffer("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-asrot-test"),
                c -> c.setVerifyRate(0).setLoginRate(0).setHolidays(HOLIDAY.toString()));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        manufacturer = api.login("pabrik", api.password(MANUFACTURER));
        distributor = api.login("pbf", api.password(DISTRIBUTOR));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static JsonObject draft(String name) {
        return new JsonObject()
                .put("registrationType", "OT_HIGHRISK")
                .put("commodity", "TRADITIONAL_MEDICINE")
                .put("kbli", "21022")
                .put("businessScale", "OTHER")
                .put("name", name)
                .put("dosageForm", "HARD_CAPSULE")
                .put(
                        "packaging",
                        new JsonArray().add("Dus, 10 strip @ 10 kapsul").add("Botol @ 30 kapsul"))
                .put("compositionBasis", "Tiap kapsul mengandung")
                .put(
                        "composition",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("description", "Induk")
                                        .put("ingredient", "Zingiber officinale")
                                        .put("role", "ACTIVE")
                                        .put("amount", 100)
                                        .put("unit", "mg"))
                                .add(new JsonObject()
                                        .put("ingredient", "Amylum")
                                        .put("role", "EXCIPIENT")
                                        .put("amount", 50)
                                        .put("unit", "mg")))
                .put("claims", "Membantu meredakan masuk angin")
                .put("dosage", "3 x sehari 1 kapsul")
                .put("warnings", "Tidak untuk ibu hamil")
                .put("storage", "Simpan di bawah 30 derajat C");
    }

    static HttpResponse<Buffer> act(long id, String who, JsonObject step) throws Exception {
        return api.post("/api/v1/product-applications/" + id + "/actions", who, step);
    }

    static JsonObject ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
        return r.bodyAsJsonObject();
    }

    static JsonObject step(String action) {
        return new JsonObject().put("action", action);
    }

    static JsonObject pay(JsonObject application, int index) throws Exception {
        JsonObject spb = application.getJsonArray("paymentOrders").getJsonObject(index);
        return ok(api.post(
                "/api/v1/payments",
                regulator,
                new JsonObject()
                        .put("billingNumber", spb.getString("billingNumber"))
                        .put("amount", spb.getLong("amount"))));
    }

    static HttpResponse<Buffer> upload(long id, String who, MultipartForm form) throws Exception {
        return api.client
                .request(
                        HttpMethod.POST,
                        api.lacak.port(),
                        "127.0.0.1",
                        "/api/v1/product-applications/" + id + "/documents")
                .putHeader("Authorization", "Bearer " + who)
                .sendMultipartForm(form)
                .await(30, TimeUnit.SECONDS);
    }

    static List<String> fields(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("field"))
                .toList();
    }

    static List<String> codes(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("code"))
                .toList();
    }

    @Test
    void seed000_draftToNie_preRegistrationRegistrationCounterPaymentsEvaluation() throws Exception {
        JsonObject a = ok(api.post("/api/v1/product-applications", manufacturer, draft("Jamu Angin Segar")));
        long id = a.getLong("id");
        assertThat(a.getString("status")).isEqualTo("DRAFT");
        assertThat(a.getString("number")).startsWith("EREG");
        assertThat(a.getString("holder")).isEqualTo(MANUFACTURER);
        assertThat(a.getJsonArray("composition")).hasSize(2);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Jakarta"));
        // seed 000: 5 working days, weekends and configured holidays not counted
        assertThat(a.getString("draftDeletedOn"))
                .isEqualTo(WorkingDays.of(Set.of(HOLIDAY)).plus(today, 5).toString());
        assertThat(a.getString("draftDeletedOn"))
                .isNotEqualTo(WorkingDays.of(Set.of()).plus(today, 5).toString());

        // who may see and step: not another facility, not the regulator for the applicant's steps, not an API key
        assertThat(api.get("/api/v1/product-applications/" + id, distributor).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/product-applications", distributor)
                        .bodyAsJsonObject()
                        .getJsonArray("applications"))
                .isEmpty();
        assertThat(act(id, api.key(MANUFACTURER), step("SUBMIT_PRE_REGISTRATION"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<Buffer> noOss = act(id, manufacturer, step("SUBMIT_PRE_REGISTRATION"));
        assertThat(noOss.statusCode()).isEqualTo(400);
        assertThat(fields(noOss)).containsExactlyInAnyOrder("ossLicenceCode", "ossLicenceId");
        JsonObject preReg = step("SUBMIT_PRE_REGISTRATION")
                .put("ossLicenceCode", "063000000064")
                .put("ossLicenceId", "I-202303151648407742642");
        assertThat(act(id, regulator, preReg).statusCode()).isEqualTo(403);
        assertThat(act(id, manufacturer, step("APPROVE")).statusCode()).isEqualTo(403); // only Badan POM approves

        // pre-registration: the SPB is issued at once; the bank's payment moves it to evaluation
        a = ok(act(id, manufacturer, preReg));
        assertThat(a.getString("status")).isEqualTo("PRE_REGISTRATION_PAYMENT");
        assertThat(a.getString("draftDeletedOn")).isNull();
        JsonObject spb = a.getJsonArray("paymentOrders").getJsonObject(0);
        assertThat(spb.getString("billingNumber")).matches("\\d{15}");
        assertThat(spb.getString("purpose")).isEqualTo("PRE_REGISTRATION");
        assertThat(api.post(
                                "/api/v1/payments",
                                regulator,
                                new JsonObject()
                                        .put("billingNumber", spb.getString("billingNumber"))
                                        .put("amount", 1))
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/payments",
                                manufacturer,
                                new JsonObject()
                                        .put("billingNumber", spb.getString("billingNumber"))
                                        .put("amount", spb.getLong("amount")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(act(id, regulator, step("APPROVE_PRE_REGISTRATION")).statusCode())
                .isEqualTo(409); // not paid yet
        pay(a, 0);
        assertThat(api.post(
                                "/api/v1/payments",
                                regulator,
                                new JsonObject()
                                        .put("billingNumber", spb.getString("billingNumber"))
                                        .put("amount", spb.getLong("amount")))
                        .statusCode())
                .isEqualTo(409); // paid once
        a = ok(api.get("/api/v1/product-applications/" + id, manufacturer));
        assertThat(a.getString("status")).isEqualTo("PRE_REGISTRATION_EVALUATION");
        a = ok(act(id, regulator, step("APPROVE_PRE_REGISTRATION")));
        assertThat(a.getString("statusText")).isEqualTo("Proses Upload & Submit Dokumen REGISTRASI Ke Loket");

        // registration: documents first, then the counter, which returns it once
        JsonObject toCounter = step("SUBMIT_TO_COUNTER")
                .put("ossLicenceCode", "063000000065")
                .put("ossLicenceId", "I-202303201000000000001");
        HttpResponse<Buffer> noDocuments = act(id, manufacturer, toCounter);
        assertThat(noDocuments.statusCode()).isEqualTo(400);
        assertThat(fields(noDocuments)).containsExactly("documents");
        HttpResponse<Buffer> text = upload(
                id,
                manufacturer,
                MultipartForm.create()
                        .binaryFileUpload("LABEL_DESIGN", "label.pdf", Buffer.buffer("not a pdf"), "application/pdf"));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(codes(text)).containsExactly("DOCUMENT_TYPE");
        assertThat(upload(
                                id,
                                distributor,
                                MultipartForm.create()
                                        .binaryFileUpload("LABEL_DESIGN", "label.pdf", PDF, "application/pdf"))
                        .statusCode())
                .isEqualTo(404);
        a = ok(upload(
                id,
                manufacturer,
                MultipartForm.create()
                        .binaryFileUpload("LABEL_DESIGN", "label.pdf", PDF, "application/pdf")
                        .binaryFileUpload("FORMULA", "formula.pdf", PDF, "application/pdf")));
        assertThat(a.getJsonArray("documents")).hasSize(2);
        assertThat(ok(act(id, manufacturer, toCounter)).getString("status")).isEqualTo("COUNTER_CHECK");
        assertThat(act(id, regulator, step("RETURN")).statusCode()).isEqualTo(400); // a return gives its reason
        assertThat(ok(act(id, regulator, step("RETURN").put("note", "Desain label tidak terbaca")))
                        .getString("status"))
                .isEqualTo("RETURNED");
        ok(upload(
                id,
                manufacturer,
                MultipartForm.create().binaryFileUpload("LABEL_DESIGN", "label-2.pdf", PDF, "application/pdf")));
        assertThat(ok(act(id, manufacturer, toCounter)).getString("status")).isEqualTo("COUNTER_CHECK");
        a = ok(act(id, regulator, step("VERIFY")));
        assertThat(a.getString("status")).isEqualTo("REGISTRATION_PAYMENT");
        assertThat(a.getJsonArray("paymentOrders").getJsonObject(1).getString("purpose"))
                .isEqualTo("REGISTRATION");
        pay(a, 1);

        // evaluation asks for more once, then approves: the NIE and its identification code
        assertThat(ok(act(id, regulator, step("REQUEST_DATA").put("note", "Lengkapi data stabilitas")))
                        .getString("status"))
                .isEqualTo("ADDITIONAL_DATA");
        ok(upload(
                id,
                manufacturer,
                MultipartForm.create().binaryFileUpload("STABILITY", "stabilitas.pdf", PDF, "application/pdf")));
        assertThat(ok(act(id, manufacturer, step("RESPOND").put("note", "Data stabilitas terlampir")))
                        .getString("status"))
                .isEqualTo("EVALUATION");
        a = ok(act(id, regulator, step("APPROVE")));
        assertThat(a.getString("status")).isEqualTo("APPROVED");
        String nie = a.getString("nie");
        assertThat(nie).matches("TR\\d{9}");
        String validUntil = today.plusYears(5).toString();
        assertThat(a.getJsonObject("product").getString("nieValidUntil")).isEqualTo(validUntil);
        String identification = a.getJsonObject("product").getString("identificationCode");
        assertThat(identification)
                .isEqualTo("(90)" + nie + "(91)" + validUntil.substring(2, 4) + validUntil.substring(5, 7)
                        + validUntil.substring(8, 10));
        // Pasal 14: the electronic NIE comes with its identification code as a QR image
        byte[] qr = api.get(a.getJsonObject("product").getString("identificationQr"), manufacturer)
                .body()
                .getBytes();
        com.google.zxing.Result read = new com.google.zxing.MultiFormatReader()
                .decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(
                                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(qr))))));
        assertThat(read.getBarcodeFormat()).isEqualTo(com.google.zxing.BarcodeFormat.QR_CODE);
        assertThat(read.getText())
                .isEqualTo("90" + nie + "\u001d91" + identification.substring(identification.length() - 6));
        assertThat(act(id, regulator, step("APPROVE")).statusCode()).isEqualTo(409);
        assertThat(a.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly(
                        "DRAFT",
                        "PRE_REGISTRATION_PAYMENT",
                        "PRE_REGISTRATION_EVALUATION",
                        "REGISTRATION_UPLOAD",
                        "COUNTER_CHECK",
                        "RETURNED",
                        "COUNTER_CHECK",
                        "REGISTRATION_PAYMENT",
                        "EVALUATION",
                        "ADDITIONAL_DATA",
                        "EVALUATION",
                        "APPROVED");

        // the product is public (Pasal 25) and its identification code verifies (Pasal 14-15)
        JsonObject product = ok(api.get("/api/v1/products/" + nie, null));
        assertThat(product.getString("method")).isEqualTo("IDENTIFICATION");
        assertThat(product.getJsonObject("holder").getString("partnerId")).isEqualTo(MANUFACTURER);
        JsonObject verdict =
                ok(api.get("/api/v1/verify?code=" + URLEncoder.encode(identification, StandardCharsets.UTF_8), null));
        assertThat(verdict.getString("verdict")).isEqualTo("NIE_VALID");
        // the applicant heard of each of Badan POM's five steps, of both payment orders and both payments
        assertThat(api.get("/api/v1/me/notifications", manufacturer).bodyAsJsonArray().stream()
                        .filter(n -> ("/api/v1/product-applications/" + id).equals(((JsonObject) n).getString("link"))))
                .hasSize(9);
    }

    @Test
    void seed000_kbliRulesAndEveryBadFieldAreListed() throws Exception {
        // UMOT registers traditional medicine only as param, tapel, pilis, external liquid or rajangan
        HttpResponse<Buffer> umot = api.post(
                "/api/v1/product-applications",
                manufacturer,
                draft("Jamu Tablet").put("businessScale", "UMOT").put("dosageForm", "TABLET"));
        assertThat(umot.statusCode()).isEqualTo(400);
        assertThat(codes(umot)).containsExactly("UMOT_LIMITS");
        // UKOT: no tablets
        assertThat(codes(api.post(
                        "/api/v1/product-applications",
                        manufacturer,
                        draft("Jamu Tablet").put("businessScale", "UKOT").put("dosageForm", "TABLET"))))
                .containsExactly("UKOT_EXCLUDED_FORM");
        // a beverage KBLI registers health supplements only, as oral liquid, powder served as liquid or gummy
        assertThat(codes(api.post(
                        "/api/v1/product-applications",
                        manufacturer,
                        draft("Kapsul Minuman").put("kbli", "11040"))))
                .containsExactlyInAnyOrder("COMMODITY_NOT_ALLOWED", "FOOD_KBLI_FORMS");
        assertThat(codes(api.post(
                        "/api/v1/product-applications",
                        manufacturer,
                        draft("Bukan KBLI").put("kbli", "62010"))))
                .containsExactly("KBLI_NOT_ELIGIBLE");
        assertThat(api.post(
                                "/api/v1/product-applications",
                                manufacturer,
                                draft("Sirup Sehat")
                                        .put("kbli", "11040")
                                        .put("commodity", "HEALTH_SUPPLEMENT")
                                        .put("dosageForm", "ORAL_LIQUID"))
                        .statusCode())
                .isEqualTo(201);

        JsonObject bad = draft("")
                .put("packaging", new JsonArray())
                .put(
                        "composition",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("ingredient", "Amylum")
                                        .put("role", "FILLER")
                                        .put("amount", -1)
                                        .put("unit", "kg")))
                .put("kbli", "2102")
                .put("commodity", "COSMETIC")
                .put("holder", DISTRIBUTOR);
        bad.remove("claims");
        HttpResponse<Buffer> r = api.post("/api/v1/product-applications", manufacturer, bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fields(r))
                .contains(
                        "name",
                        "packaging",
                        "composition[0].role",
                        "composition[0].amount",
                        "composition[0].unit",
                        "kbli",
                        "commodity",
                        "claims",
                        "holder");
        // a distributor holds no NIE
        HttpResponse<Buffer> notManufacturer = api.post("/api/v1/product-applications", distributor, draft("Jamu"));
        assertThat(codes(notManufacturer)).containsExactly("NOT_A_MANUFACTURER");
        // at least one active ingredient
        JsonObject excipientsOnly = draft("Tanpa Bahan Aktif")
                .put(
                        "composition",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("ingredient", "Amylum")
                                        .put("role", "EXCIPIENT")
                                        .put("amount", 50)
                                        .put("unit", "mg")));
        assertThat(codes(api.post("/api/v1/product-applications", manufacturer, excipientsOnly)))
                .containsExactly("NO_ACTIVE_INGREDIENT");
    }

    @Test
    void seed000_aDraftNotSubmittedWithinFiveWorkingDaysIsDeleted() throws Exception {
        long kept = ok(api.post("/api/v1/product-applications", manufacturer, draft("Diajukan")))
                .getLong("id");
        ok(act(
                kept,
                manufacturer,
                step("SUBMIT_PRE_REGISTRATION")
                        .put("ossLicenceCode", "063000000064")
                        .put("ossLicenceId", "I-202303151648407742642")));
        JsonObject draft = ok(api.post("/api/v1/product-applications", manufacturer, draft("Lupa Diajukan")));
        LocalDate deleteOn = LocalDate.parse(draft.getString("draftDeletedOn"));

        var applications = api.lacak.services().registration().productApplications();
        assertThat(applications.sweepDrafts(deleteOn.minusDays(1)).await(30, TimeUnit.SECONDS))
                .isZero();
        assertThat(api.get("/api/v1/product-applications/" + draft.getLong("id"), manufacturer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(applications.sweepDrafts(deleteOn).await(30, TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/product-applications/" + draft.getLong("id"), manufacturer)
                        .statusCode())
                .isEqualTo(404);
        assertThat(ok(api.get("/api/v1/product-applications/" + kept, manufacturer))
                        .getString("status"))
                .isEqualTo("PRE_REGISTRATION_PAYMENT");
    }
}
