package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The regulator's queues (issue 20) in a real Chromium against the real server: a facility access
 * request (Lampiran B), a company registration (seed 002), a product application and its payment
 * (ASROT, seed 000), a certification (seed 002) and a complaint (Lampiran M.b), each opened with its
 * documents and history and decided from the desk, errors next to their fields.
 */
class RegulatorDeskTest {

    static final Buffer PDF = Buffer.buffer("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

    static Api api;
    static Browser browser;
    static String regulator;
    static long facilityRequest;
    static long company;
    static long application;
    static long certification;
    static String complaint;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-desk-test"),
                c -> c.setLoginRate(0).setLoginAccountRate(0).setVerifyRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        facilityRequest = (multipart(
                        "/api/v1/facility-requests",
                        null,
                        FacilityRequestTest.form("PBF Maju Bersama")
                                .binaryFileUpload("SIUP", "siup.pdf", PDF, "application/pdf")))
                .getLong("id");
        company = (multipart("/api/v1/companies", null, CompanyRegistrationTest.form("Jamu Meja", 25))).getLong("id");
        complaint = (multipart("/api/v1/complaints", null, ComplaintTest.form())).getString("trackingNumber");

        // ASROT: a draft submitted for pre-registration waits for its SPB to be paid
        String manufacturer = api.login("pabrik", api.password(MANUFACTURER));
        application = api.preRegistrationAwaitingPayment(manufacturer, "Jamu Meja Segar");

        // seed 002: an approved company with a licensed dosage form applies for its certificate
        String certified = approvedCompany("Sertifikasi Meja");
        int capsules = api.capsulePlant(certified, "Pabrik Bogor", "Jl. Raya Bogor Km 30", "PP.01.01.1.777");
        certification =
                (multipart("/api/v1/certifications", certified, CertificationTest.application(capsules))).getLong("id");
        browser = new Browser("http://127.0.0.1:" + api.lacak.port());
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(browser, api);
    }

    static String approvedCompany(String name) throws Exception {
        long id = (multipart("/api/v1/companies", null, CompanyRegistrationTest.form(name, 40))).getLong("id");
        int mailed = api.mails.size();
        ok(api.post("/api/v1/companies/" + id + "/decision", regulator, new JsonObject().put("decision", "APPROVE")));
        String link = api.mailedLink(null, "/activate.html?token=", mailed);
        JsonObject activated = ok(api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject()
                        .put("token", link.substring(link.indexOf("token=") + 6))
                        .put("password", "sertifikasi-meja-2026!")));
        return api.login(activated.getString("username"), "sertifikasi-meja-2026!");
    }

    static HttpResponse<Buffer> multipartResponse(String path, String token, MultipartForm form) throws Exception {
        return api.multipart(path, token, form);
    }

    static JsonObject multipart(String path, String token, MultipartForm form) throws Exception {
        return ok(multipartResponse(path, token, form));
    }

    static JsonObject ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
        return r.bodyAsJsonObject();
    }

    /** Logs in as the regulator and opens queue {@code kind}. */
    void queue(String kind) {
        // a fresh page each time: a queue chosen again would not load again
        browser.login("regulator", Api.ADMIN_PASSWORD, "/console/#desk");
        browser.click("nav a[href='#queues']");
        browser.shown("#q-kind");
        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue(kind);
    }

    void open(Object id) {
        browser.click("#queue-table button.open[data-id='" + id + "']");
        browser.shown("#q-form");
    }

    String status(String path) throws Exception {
        return api.get(path, regulator).bodyAsJsonObject().getString("status");
    }

    @Test
    void lampiranB_aFacilityRequestIsOpenedWithItsDocumentAndApproved_aRejectionNeedsItsNote() throws Exception {
        queue("facilities");
        open(facilityRequest);
        assertThat(browser.text("#q-item-title")).isEqualTo("PBF Maju Bersama");
        assertThat(browser.text("#q-fields dd[data-field=npwp]")).isEqualTo("012345678901000");
        assertThat(browser.text("#q-docs button")).isEqualTo("SIUP: siup.pdf");
        assertThat(browser.text("#history-table td[data-col=status]")).isEqualTo("diajukan");
        browser.screenshot("regulator-queues");
        browser.shown("#q-form");
        browser.click("#q-REJECT");
        browser.click("#q-send");
        assertThat(browser.text("#q-note-error")).isEqualTo("wajib diisi");
        assertThat(browser.driver.findElement(By.id("q-note")).getAttribute("aria-describedby"))
                .isEqualTo("q-note-error");
        browser.click("#q-APPROVE");
        new Select(browser.shown("#q-type")).selectByValue("DISTRIBUTOR");
        browser.click("#q-send");
        assertThat(browser.text("#q-done"))
                .startsWith("Tersimpan: status sekarang disetujui.")
                .contains("PBF-");
        assertThat(status("/api/v1/facility-requests/" + facilityRequest)).isEqualTo("APPROVED");
        // decided, it leaves the queue
        assertThat(browser.driver.findElements(
                        By.cssSelector("#queue-table button.open[data-id='" + facilityRequest + "']")))
                .isEmpty();
    }

    @Test
    void seed002_aCompanyRegistrationIsReturnedForRevisionWithItsNote() throws Exception {
        queue("companies");
        open(company);
        assertThat(browser.text("#q-item-title")).isEqualTo("Jamu Meja");
        assertThat(browser.driver.findElements(By.cssSelector("#q-docs li"))).hasSize(5);
        browser.click("#q-RETURN");
        browser.type("q-note", "Akta pendirian tidak terbaca");
        browser.click("#q-send");
        assertThat(browser.text("#q-done")).isEqualTo("Tersimpan: status sekarang dikembalikan.");
        assertThat(status("/api/v1/companies/" + company)).isEqualTo("RETURNED");
    }

    @Test
    void seed000_theSpbIsConfirmedWithTheAmountPaid_thenThePreRegistrationIsApproved() throws Exception {
        JsonObject spb = api.get("/api/v1/product-applications/" + application, regulator)
                .bodyAsJsonObject()
                .getJsonArray("paymentOrders")
                .getJsonObject(0);
        queue("payments");
        open(spb.getString("billingNumber"));
        browser.click("#q-send");
        assertThat(browser.text("#q-amount-error")).isEqualTo("wajib diisi");
        browser.type("q-amount", "1");
        browser.click("#q-send");
        // the bank's amount is checked against the order, the error next to the field
        assertThat(browser.shown("#q-amount-error").getText()).contains("Rp " + spb.getLong("amount"));
        browser.type("q-amount", spb.getLong("amount").toString());
        browser.click("#q-send");
        assertThat(browser.text("#q-done"))
                .isEqualTo("Pembayaran " + spb.getString("billingNumber") + " dikonfirmasi.");
        assertThat(status("/api/v1/product-applications/" + application)).isEqualTo("PRE_REGISTRATION_EVALUATION");

        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue("applications");
        open(application);
        assertThat(browser.text("#q-item-title")).isEqualTo("Jamu Meja Segar");
        browser.click("#q-APPROVE_PRE_REGISTRATION");
        browser.click("#q-send");
        assertThat(browser.text("#q-done")).isEqualTo("Tersimpan: status sekarang unggah berkas registrasi.");
        assertThat(status("/api/v1/product-applications/" + application)).isEqualTo("REGISTRATION_UPLOAD");
    }

    @Test
    void seed002_aCertificationIsApprovedWithTheAmountOfItsSpb_whichThenWaitsInThePayments() throws Exception {
        queue("certifications");
        open(certification);
        browser.click("#q-APPROVE");
        browser.click("#q-send");
        assertThat(browser.text("#q-amount-error")).isEqualTo("wajib diisi");
        browser.type("q-amount", "15000000");
        browser.click("#q-send");
        assertThat(browser.text("#q-done")).isEqualTo("Tersimpan: status sekarang menunggu pembayaran.");
        assertThat(status("/api/v1/certifications/" + certification)).isEqualTo("PAYMENT");
        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue("payments");
        assertThat(browser.shown("#queue-table").getText()).contains("15000000");
    }

    @Test
    void lampiranMb_aComplaintIsAnsweredAndTheComplainantReadsTheAnswerByItsTrackingNumber() throws Exception {
        queue("complaints");
        open(complaint);
        assertThat(browser.text("#q-fields dd[data-field=question]"))
                .isEqualTo("Kemasan terlihat berbeda, apakah asli?");
        browser.click("#q-send");
        assertThat(browser.text("#q-answer-error")).isEqualTo("wajib diisi");
        browser.type("q-answer", "Produk ini terdaftar; bets B2611 tidak ditarik. Terima kasih atas laporannya.");
        browser.click("#q-send");
        assertThat(browser.text("#q-done")).isEqualTo("Jawaban terkirim: dijawab.");
        JsonObject seen = api.get("/api/v1/complaints/" + complaint, null).bodyAsJsonObject();
        assertThat(seen.getString("status")).isEqualTo("ANSWERED");
        assertThat(seen.getString("answer")).startsWith("Produk ini terdaftar");
    }

    @Test
    void aLongQueueIsReadAPageAtATime_andHoldsOnlyWhatWaitsForBadanPom() throws Exception {
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            filed.add(ok(api.post(
                            "/api/v1/complaints",
                            null,
                            new JsonObject()
                                    .put("question", "Apakah produk nomor " + i + " asli?")
                                    .put("productName", "Vitamin C " + i)
                                    .put("purchasePlace", "Apotek Antre")
                                    .put("purchaseAddress", "Jl. Antre " + i + ", Depok")))
                    .getString("trackingNumber"));
        }
        ok(api.post(
                "/api/v1/complaints/" + filed.get(0) + "/answer",
                regulator,
                new JsonObject().put("answer", "Sudah dijawab lewat telepon.").put("status", "CLOSED")));
        // a queue holds what waits for Badan POM: a closed complaint does not, however recent
        List<String> waiting = api.trackingNumbers("/api/v1/complaints?waitingFor=REGULATOR&limit=500", regulator);
        assertThat(waiting).contains(filed.get(1), filed.get(54)).doesNotContain(filed.get(0));
        assertThat(api.get("/api/v1/complaints?waitingFor=REGULATOR&status=RECEIVED", regulator)
                        .statusCode())
                .isEqualTo(400);
        // ASROT: an application waiting for its SPB waits for a payment, not for a decision
        String manufacturer = api.login("pabrik", api.password(MANUFACTURER));
        long unpaid = api.preRegistrationAwaitingPayment(manufacturer, "Jamu Antre");
        assertThat(ok(api.get("/api/v1/product-applications?waitingFor=PAYMENT", regulator))
                        .getJsonArray("applications")
                        .stream()
                        .map(x -> ((JsonObject) x).getLong("id")))
                .contains(unpaid);
        assertThat(ok(api.get("/api/v1/product-applications?waitingFor=REGULATOR", regulator))
                        .getJsonArray("applications")
                        .stream()
                        .map(x -> ((JsonObject) x).getLong("id")))
                .doesNotContain(unpaid);

        // the console reads 50 at a time; "Muat lebih banyak" reads the rest
        queue("complaints");
        browser.shown("#q-more");
        assertThat(browser.driver.findElements(By.cssSelector("#queue-table tbody tr")))
                .hasSize(50);
        browser.click("#q-more");
        browser.until(
                d -> d.findElements(By.cssSelector("#queue-table tbody tr")).size() == waiting.size());
        browser.shown("#queue-table button.open[data-id='" + filed.get(1) + "']");
        assertThat(browser.driver.findElements(By.id("q-more"))).isEmpty();

        // the complaints of this test leave the queue as it was
        for (String tracking : filed.subList(1, filed.size())) {
            ok(api.post(
                    "/api/v1/complaints/" + tracking + "/answer",
                    regulator,
                    new JsonObject().put("answer", "Terima kasih.").put("status", "CLOSED")));
        }
    }

    @Test
    void theQueuesReadAtAPhonesWidthInBothLanguages() {
        queue("facilities");
        browser.shown("#q-list");
        assertThat(browser.overflowAt(390)).isZero();
        browser.desktop();
        browser.click("#lang");
        browser.until(d -> d.findElement(By.tagName("h1")).getText().equals("Regulator's desk: decision queues"));
        assertThat(new Select(browser.driver.findElement(By.id("q-kind")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Facility access requests (Lampiran B)");
        browser.click("#lang");
        browser.until(d -> d.findElement(By.tagName("h1")).getText().equals("Meja regulator: antrean keputusan"));
    }
}
