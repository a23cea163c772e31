package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.registration.account.Directorate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Lampiran B ("Permintaan hak akses ditujukan kepada Direktorat Pengawasan produk terkait") and seed
 * 004 (PILIH DIREKTORAT): regulator accounts belong to directorates (set by Badan POM's
 * administrator, and changed by them); facility access requests, company registrations, product
 * applications, certifications, their payments and complaints are routed to the directorates of
 * their commodities; an officer sees and decides only those of the directorate acted for; and a
 * person of two chooses one, or all of theirs, after logging in.
 */
class DirectorateTest {

    static Api api;
    static Browser browser;
    static String admin;
    static long herbal; // OBAT_TRADISIONAL + SUPLEMEN_KESEHATAN
    static long cosmetics; // KOSMETIK
    static long application; // TRADITIONAL_MEDICINE
    static long certification; // of a company of OBAT_TRADISIONAL + SUPLEMEN_KESEHATAN

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-directorate-test"),
                c -> c.setLoginRate(0).setLoginAccountRate(0).setVerifyRate(0));
        admin = api.login("regulator", Api.ADMIN_PASSWORD);
        herbal = multipart("/api/v1/companies", null, companyForm("Jamu Arah")).getLong("id");
        cosmetics = multipart("/api/v1/companies", null, CompanyRegistrationTest.form("Kosmetik Arah", 12, "KOSMETIK"))
                .getLong("id");
        String manufacturer = api.login("pabrik", api.password(MANUFACTURER));
        application = ok(api.post(
                        "/api/v1/product-applications", manufacturer, ProductRegistrationTest.draft("Jamu Arah Segar")))
                .getLong("id");
        certification = certification();
        officer("petugas.kosmetik", "KOSMETIK");
        officer("petugas.dua", "OBAT_TRADISIONAL", "KOSMETIK");
        officer("petugas.obat", "OBAT");
        browser = new Browser("http://127.0.0.1:" + api.lacak.port());
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(browser, api);
    }

    static JsonObject multipart(String path, String token, MultipartForm form) throws Exception {
        return ok(api.multipart(path, token, form));
    }

    static JsonObject ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
        return r.bodyAsJsonObject();
    }

    static MultipartForm companyForm(String name) {
        return CompanyRegistrationTest.form(name, 30);
    }

    /** Seed 002: an approved company of the form's commodities applies for its certificate. */
    static long certification() throws Exception {
        long id = multipart("/api/v1/companies", null, companyForm("Sertifikasi Arah"))
                .getLong("id");
        int mailed = api.mails.size();
        ok(api.post("/api/v1/companies/" + id + "/decision", admin, new JsonObject().put("decision", "APPROVE")));
        String link = api.mailedLink(null, "/activate.html?token=", mailed);
        JsonObject activated = ok(api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject()
                        .put("token", link.substring(link.indexOf("token=") + 6))
                        .put("password", "sertifikasi-arah-2026!")));
        String company = api.login(activated.getString("username"), "sertifikasi-arah-2026!");
        int capsules = api.capsulePlant(company, "Pabrik Arah", "Jl. Raya Arah 1", "PP.01.01.1.778");
        return multipart("/api/v1/certifications", company, CertificationTest.application(capsules))
                .getLong("id");
    }

    static void officer(String username, String... directorates) throws Exception {
        HttpResponse<Buffer> r = api.post("/api/v1/accounts", admin, account(username, directorates));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        assertThat(r.bodyAsJsonObject().getJsonArray("directorates").stream()
                        .map(d -> ((JsonObject) d).getString("code")))
                .containsExactly(directorates);
    }

    static JsonObject account(String username, String... directorates) {
        return new JsonObject()
                .put("username", username)
                .put("password", username + "-2026!")
                .put("fullName", "Petugas " + username)
                .put("regulator", true)
                .put("directorates", new JsonArray(List.of(directorates)));
    }

    static String login(String username) throws Exception {
        return api.login(username, username + "-2026!");
    }

    static List<Long> ids(String path, String token, String member) throws Exception {
        HttpResponse<Buffer> r = api.get(path, token);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getJsonArray(member).stream()
                .map(x -> ((JsonObject) x).getLong("id"))
                .toList();
    }

    static void refusedOutside(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("OUTSIDE_DIRECTORATE");
    }

    static MultipartForm accessRequest(String name, String... commodities) {
        return FacilityRequestTest.form(name, commodities)
                .binaryFileUpload("SIUP", "siup.pdf", FacilityRequestTest.PDF, "application/pdf");
    }

    @Test
    void lampiranB_aFacilityAccessRequestGoesToTheDirectorateOfTheProductsItNames() throws Exception {
        long cosmetic = multipart("/api/v1/facility-requests", null, accessRequest("PBF Kosmetik Arah", "COSMETIC"))
                .getLong("id");
        long herbalTrade = multipart(
                        "/api/v1/facility-requests", null, accessRequest("PBF Jamu Arah", "TRADITIONAL_MEDICINE"))
                .getLong("id");
        String kosmetik = login("petugas.kosmetik");
        String dua = login("petugas.dua");
        String submitted = "/api/v1/facility-requests?status=SUBMITTED&limit=500";
        assertThat(ids(submitted, kosmetik, "requests")).contains(cosmetic).doesNotContain(herbalTrade);
        assertThat(ids(submitted + "&directorate=OBAT_TRADISIONAL", dua, "requests"))
                .contains(herbalTrade)
                .doesNotContain(cosmetic);
        assertThat(ids(submitted, dua, "requests")).contains(cosmetic, herbalTrade);
        assertThat(ids(submitted, admin, "requests")).contains(cosmetic, herbalTrade);

        JsonObject read = ok(api.get("/api/v1/facility-requests/" + cosmetic, kosmetik));
        assertThat(read.getJsonArray("commodities")).containsExactly("COSMETIC");
        assertThat(read.getJsonArray("directorates").getJsonObject(0).getString("nameId"))
                .isEqualTo("Direktorat Pengawasan Kosmetik");
        refusedOutside(api.get("/api/v1/facility-requests/" + herbalTrade, kosmetik));
        refusedOutside(api.post(
                "/api/v1/facility-requests/" + herbalTrade + "/decision",
                kosmetik,
                new JsonObject().put("decision", "REJECT").put("note", "bukan kosmetik")));
        assertThat(ok(api.get("/api/v1/facility-requests/" + herbalTrade, admin))
                        .getString("status"))
                .isEqualTo("SUBMITTED");
        JsonObject approved = ok(api.post(
                "/api/v1/facility-requests/" + cosmetic + "/decision",
                kosmetik,
                new JsonObject().put("decision", "APPROVE")));
        assertThat(approved.getString("status")).isEqualTo("APPROVED");

        // the form names the products, at least one of Pasal 2(2)'s kinds
        HttpResponse<Buffer> none = api.multipart("/api/v1/facility-requests", null, accessRequest("PBF Tanpa Produk"));
        assertThat(none.statusCode()).as(none.bodyAsString()).isEqualTo(400);
        JsonObject missing = none.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertThat(missing.getString("field")).isEqualTo("commodities");
        assertThat(missing.getString("code")).isEqualTo("REQUIRED");
        assertThat(missing.getString("message"))
                .contains("Direktorat Pengawasan")
                .contains("directorate");
    }

    @Test
    void lampiranB_aComplaintGoesToTheDirectorateOfTheProductItsNieNames() throws Exception {
        // Demo's AUTH_NIE is a drug (OBAT); a complaint naming no NIE is every directorate's
        Buffer png = api.get(
                        "/api/v1/barcodes?code="
                                + java.net.URLEncoder.encode(
                                        "(90)" + io.lacak.api.Demo.AUTH_NIE + "(91)301231",
                                        java.nio.charset.StandardCharsets.UTF_8),
                        api.key(MANUFACTURER))
                .body();
        String onDrug = multipart(
                        "/api/v1/complaints",
                        null,
                        ComplaintTest.form().binaryFileUpload("photo", "kemasan.png", png, "image/png"))
                .getString("trackingNumber");
        String unnamed = ok(api.post(
                        "/api/v1/complaints",
                        null,
                        new JsonObject()
                                .put("question", "Kemasan bocor, apakah aman?")
                                .put("productName", "Minyak angin")
                                .put("purchasePlace", "Warung Arah")
                                .put("purchaseAddress", "Jl. Arah 2, Bogor")))
                .getString("trackingNumber");
        String kosmetik = login("petugas.kosmetik");
        String obat = login("petugas.obat");
        String received = "/api/v1/complaints?status=RECEIVED&limit=500";
        assertThat(api.trackingNumbers(received, kosmetik)).contains(unnamed).doesNotContain(onDrug);
        assertThat(api.trackingNumbers(received, obat)).contains(unnamed, onDrug);
        JsonObject listed = api.get(received, obat).bodyAsJsonObject().getJsonArray("complaints").stream()
                .map(x -> (JsonObject) x)
                .filter(x -> x.getString("trackingNumber").equals(onDrug))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getJsonArray("directorates").getJsonObject(0).getString("code"))
                .isEqualTo("OBAT");

        // its photo is the drug directorate's to see, as the complaint is
        refusedOutside(api.get("/api/v1/complaints/" + onDrug + "/photo", kosmetik));
        HttpResponse<Buffer> photo = api.get("/api/v1/complaints/" + onDrug + "/photo", obat);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.body().getBytes()).isEqualTo(png.getBytes());

        JsonObject answer = new JsonObject().put("answer", "Produk terdaftar; laporkan nomor bets ke Balai POM.");
        refusedOutside(api.post("/api/v1/complaints/" + onDrug + "/answer", kosmetik, answer));
        assertThat(ok(api.get("/api/v1/complaints/" + onDrug, null)).getString("status"))
                .isEqualTo("RECEIVED");
        assertThat(ok(api.post("/api/v1/complaints/" + onDrug + "/answer", obat, answer))
                        .getString("status"))
                .isEqualTo("ANSWERED");
    }

    @Test
    void lampiranB_aPaymentIsConfirmedOnlyByAnOfficerOfTheDirectorateOfWhatItPaysFor() throws Exception {
        String manufacturer = api.login("pabrik", api.password(MANUFACTURER));
        long id = api.preRegistrationAwaitingPayment(manufacturer, "Jamu Arah Bayar");
        JsonObject spb = ok(api.get("/api/v1/product-applications/" + id, manufacturer))
                .getJsonArray("paymentOrders")
                .getJsonObject(0);
        JsonObject pay = new JsonObject()
                .put("billingNumber", spb.getString("billingNumber"))
                .put("amount", spb.getLong("amount"));

        refusedOutside(api.post("/api/v1/payments", login("petugas.kosmetik"), pay));
        JsonObject waiting = ok(api.get("/api/v1/product-applications/" + id, manufacturer));
        assertThat(waiting.getString("status")).isEqualTo("PRE_REGISTRATION_PAYMENT");
        assertThat(waiting.getJsonArray("paymentOrders").getJsonObject(0).getString("paidAt"))
                .isNull();

        ok(api.post("/api/v1/payments?directorate=OBAT_TRADISIONAL", login("petugas.dua"), pay));
        assertThat(ok(api.get("/api/v1/product-applications/" + id, manufacturer))
                        .getString("status"))
                .isEqualTo("PRE_REGISTRATION_EVALUATION");
    }

    @Test
    void seed004_onlyTheAdministratorCreatesAccounts_anOfficerCannotMakeItselfOneOfEveryDirectorate() throws Exception {
        String kosmetik = login("petugas.kosmetik");
        HttpResponse<Buffer> r = api.post("/api/v1/accounts", kosmetik, account("petugas.semua"));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("ADMINISTRATOR_ONLY");
        assertThat(r.bodyAsJsonObject().getString("detail")).contains("membuat akun", " / ", "creates accounts");
        assertThat(api.post(
                                "/api/v1/login",
                                null,
                                new JsonObject()
                                        .put("username", "petugas.semua")
                                        .put("password", "petugas.semua-2026!"))
                        .statusCode())
                .as("no such account was made")
                .isEqualTo(401);
    }

    @Test
    void seed004_theAdministratorMovesAnOfficerToAnotherDirectorate_andTheOldTokenEnds() throws Exception {
        HttpResponse<Buffer> created = api.post("/api/v1/accounts", admin, account("petugas.pindah", "KOSMETIK"));
        int id = created.bodyAsJsonObject().getInteger("id");
        String before = login("petugas.pindah");
        assertThat(ids("/api/v1/companies?status=SUBMITTED&limit=500", before, "companies"))
                .doesNotContain(herbal);

        // only the administrator (an account of no directorate) changes an account's directorates
        JsonObject move = new JsonObject().put("directorates", new JsonArray(List.of("OBAT_TRADISIONAL")));
        HttpResponse<Buffer> byOfficer =
                api.put("/api/v1/accounts/" + id + "/directorates", login("petugas.kosmetik"), move);
        assertThat(byOfficer.statusCode()).isEqualTo(403);
        assertThat(byOfficer.bodyAsJsonObject().getString("code")).isEqualTo("ADMINISTRATOR_ONLY");
        HttpResponse<Buffer> unknown = api.put(
                "/api/v1/accounts/" + id + "/directorates",
                admin,
                new JsonObject().put("directorates", new JsonArray(List.of("RADIO"))));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("directorates[0]");

        JsonObject moved = ok(api.put("/api/v1/accounts/" + id + "/directorates", admin, move));
        assertThat(moved.getJsonArray("directorates").getJsonObject(0).getString("code"))
                .isEqualTo("OBAT_TRADISIONAL");
        // the old token named KOSMETIK: it ends, and the next login acts for the new directorate
        assertThat(api.get("/api/v1/companies", before).statusCode()).isEqualTo(401);
        String after = login("petugas.pindah");
        assertThat(ids("/api/v1/companies?status=SUBMITTED&limit=500", after, "companies"))
                .contains(herbal)
                .doesNotContain(cosmetics);
        // a facility's account is not a regulator's
        int facilityAccount = api.lacak
                .services()
                .database()
                .pool()
                .query("select id from account where not regulator limit 1")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getInteger(0);
        assertThat(api.put("/api/v1/accounts/" + facilityAccount + "/directorates", admin, move)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void lampiranB_theDirectoratesAreBadanPomsOnesAndTheLoginNamesAnOfficersOwn() throws Exception {
        List<String> codes = api
                .lacak
                .services()
                .database()
                .pool()
                .query("select code from directorate order by code")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .stream()
                .map(r -> r.getString(0))
                .toList();
        assertThat(codes)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Directorate.values()).map(Enum::name).toList());
        HttpResponse<Buffer> r = api.post(
                "/api/v1/login",
                null,
                new JsonObject().put("username", "petugas.dua").put("password", "petugas.dua-2026!"));
        JsonArray directorates = r.bodyAsJsonObject().getJsonArray("directorates");
        assertThat(directorates.getJsonObject(0).getString("code")).isEqualTo("KOSMETIK");
        assertThat(directorates.getJsonObject(0).getString("nameId")).isEqualTo("Direktorat Pengawasan Kosmetik");
        assertThat(directorates.getJsonObject(1).getString("code")).isEqualTo("OBAT_TRADISIONAL");

        // only a regulator's account belongs to directorates, and only to known ones
        JsonObject unknown = api.post("/api/v1/accounts", admin, account("petugas.asal", "OBAT", "RADIO"))
                .bodyAsJsonObject();
        assertThat(unknown.getJsonArray("errors").getJsonObject(0).getString("code"))
                .as(unknown.encode())
                .isEqualTo("UNKNOWN_DIRECTORATE");
        JsonObject facility = account("apoteker.arah", "OBAT").put("regulator", false);
        assertThat(api.post("/api/v1/accounts", admin, facility).statusCode()).isEqualTo(400);
    }

    @Test
    void lampiranB_requestsAreRoutedToTheDirectorateOfTheirCommodity() throws Exception {
        String kosmetik = login("petugas.kosmetik");
        String dua = login("petugas.dua");
        String submitted = "/api/v1/companies?status=SUBMITTED&limit=500";
        assertThat(ids(submitted, kosmetik, "companies")).contains(cosmetics).doesNotContain(herbal);
        assertThat(ids(submitted + "&directorate=OBAT_TRADISIONAL", dua, "companies"))
                .contains(herbal)
                .doesNotContain(cosmetics);
        assertThat(ids(submitted + "&directorate=KOSMETIK", dua, "companies"))
                .contains(cosmetics)
                .doesNotContain(herbal);
        assertThat(ids(submitted, dua, "companies")).contains(herbal, cosmetics); // none chosen: all of the officer's
        assertThat(ids(submitted, admin, "companies")).contains(herbal, cosmetics); // of no directorate: every one
        String applications = "/api/v1/product-applications?limit=500";
        assertThat(ids(applications, kosmetik, "applications")).doesNotContain(application);
        assertThat(ids(applications + "&directorate=OBAT_TRADISIONAL", dua, "applications"))
                .contains(application);
    }

    @Test
    void lampiranB_anOfficerDecidesOnlyForADirectorateOfTheirs_refusedInBothLanguagesOtherwise() throws Exception {
        String kosmetik = login("petugas.kosmetik");
        String dua = login("petugas.dua");
        HttpResponse<Buffer> outside = api.post(
                "/api/v1/companies/" + herbal + "/decision", kosmetik, new JsonObject().put("decision", "APPROVE"));
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = outside.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo("OUTSIDE_DIRECTORATE");
        assertThat(problem.getString("detail"))
                .contains("ditujukan kepada Direktorat Pengawasan Obat Tradisional")
                .contains("is routed to the Directorate of Traditional Medicine Supervision");
        // acting for the cosmetics directorate, the officer of two may not decide the herbal one either
        HttpResponse<Buffer> other = api.post(
                "/api/v1/companies/" + herbal + "/decision?directorate=KOSMETIK",
                dua,
                new JsonObject().put("decision", "RETURN").put("note", "Akta tidak terbaca"));
        assertThat(other.statusCode()).isEqualTo(403);
        // naming a directorate the officer does not belong to is refused, in both languages
        JsonObject notMine = api.get("/api/v1/companies?directorate=OBAT", dua).bodyAsJsonObject();
        assertThat(notMine.getString("code")).isEqualTo("NOT_YOUR_DIRECTORATE");
        assertThat(notMine.getString("detail")).contains("bukan anggota").contains("does not belong");
        // ASROT: the application of traditional medicine is not the cosmetics officer's to act on
        HttpResponse<Buffer> act = api.post(
                "/api/v1/product-applications/" + application + "/actions",
                kosmetik,
                new JsonObject().put("action", "REJECT").put("note", "bukan kosmetik"));
        assertThat(act.statusCode()).as(act.bodyAsString()).isEqualTo(403);
        assertThat(act.bodyAsJsonObject().getString("code")).isEqualTo("OUTSIDE_DIRECTORATE");
        // a certification follows its company's commodities
        assertThat(ids("/api/v1/certifications?limit=500", kosmetik, "certifications"))
                .doesNotContain(certification);
        assertThat(ids("/api/v1/certifications?limit=500&directorate=OBAT_TRADISIONAL", dua, "certifications"))
                .contains(certification);
        HttpResponse<Buffer> certify = api.post(
                "/api/v1/certifications/" + certification + "/decision",
                kosmetik,
                new JsonObject().put("decision", "REVISE").put("note", "bukan kosmetik"));
        assertThat(certify.statusCode()).as(certify.bodyAsString()).isEqualTo(403);
        assertThat(certify.bodyAsJsonObject().getString("code")).isEqualTo("OUTSIDE_DIRECTORATE");
        // in its directorate, the officer's decision goes through (the application's status then decides)
        HttpResponse<Buffer> own = api.post(
                "/api/v1/product-applications/" + application + "/actions?directorate=OBAT_TRADISIONAL",
                dua,
                new JsonObject().put("action", "REJECT").put("note", "draf"));
        assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(409);
        long decidable = multipart(
                        "/api/v1/companies", null, CompanyRegistrationTest.form("Kosmetik Tolak", 7, "KOSMETIK"))
                .getLong("id");
        HttpResponse<Buffer> decided = api.post(
                "/api/v1/companies/" + decidable + "/decision",
                kosmetik,
                new JsonObject().put("decision", "REJECT").put("note", "NIB tidak sesuai"));
        assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);
        assertThat(decided.bodyAsJsonObject().getString("status")).isEqualTo("REJECTED");
    }

    @Test
    void seed004_anOfficerOfTwoDirectoratesChoosesOneAfterLoggingIn_andSeesOnlyItsQueue() throws Exception {
        long other = multipart(
                        "/api/v1/companies", null, CompanyRegistrationTest.form("Kosmetik Pilihan", 9, "KOSMETIK"))
                .getLong("id");
        long herbalToo = multipart("/api/v1/companies", null, companyForm("Jamu Pilihan"))
                .getLong("id");
        browser.login("petugas.dua", "petugas.dua-2026!", "/console/#directorate");
        assertThat(browser.driver.findElements(By.cssSelector("#dir-options input[name=directorate]")))
                .hasSize(3); // the two directorates, and all of them
        assertThat(browser.text("#dir-options")).contains("Direktorat Pengawasan Kosmetik");
        browser.click("#dir-KOSMETIK");
        browser.click("#dir-choose");
        browser.shown("#q-kind");
        assertThat(browser.text("#who")).isEqualTo("petugas.dua · Direktorat Pengawasan Kosmetik");
        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue("companies");
        browser.shown("#queue-table button.open[data-id='" + other + "']");
        assertThat(browser.driver.findElements(By.cssSelector("#queue-table button.open[data-id='" + herbalToo + "']")))
                .isEmpty();
        // the menu's "Pilih direktorat" chooses again (seed 004)
        browser.click("nav a[href='#directorate']");
        browser.click("#dir-OBAT_TRADISIONAL");
        browser.click("#dir-choose");
        browser.shown("#q-kind");
        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue("companies");
        browser.shown("#queue-table button.open[data-id='" + herbalToo + "']");
        assertThat(browser.driver.findElements(By.cssSelector("#queue-table button.open[data-id='" + other + "']")))
                .isEmpty();
        browser.screenshot("regulator-directorate");
        // or all of theirs at once: what the API gives a call that names none
        browser.click("nav a[href='#directorate']");
        browser.click("#dir-ALL");
        browser.click("#dir-choose");
        browser.shown("#q-kind");
        assertThat(browser.text("#who")).isEqualTo("petugas.dua · Semua direktorat saya");
        new Select(browser.driver.findElement(By.id("q-kind"))).selectByValue("companies");
        browser.shown("#queue-table button.open[data-id='" + herbalToo + "']");
        browser.shown("#queue-table button.open[data-id='" + other + "']");
    }
}
