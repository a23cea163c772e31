package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The facility console (issue 20) in a real Chromium against the real server: login, the dashboard's
 * notifications (an incoming shipment, a return awaiting a decision, a recall notice) and late-report
 * warnings, the bulk upload with its progress bar, its row problems and its template download, a
 * return decision, a code's chain of custody, API keys and the password change. The tests log in
 * again and again, so the login limits are off here ({@code GuardsTest} tests them).
 */
class FacilityConsoleTest {

    static Api api;
    static Browser browser;
    static String mfr;
    /** Primaries of batch C2611: activated late, p0/p1 shipped to and received by the distributor, p1 returned. */
    static List<String> primaries;
    /** The one code of recalled batch R2611, held by the distributor. */
    static String recalledCode;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-console-test"), c -> c.setLoginRate(0)
                .setLoginAccountRate(0));
        mfr = api.key(MANUFACTURER);
        String pbf = api.key(DISTRIBUTOR);
        primaries = api.issue(mfr, "C2611", 4);
        // Pasal 12(5): the usage reported 30 hours after it happened
        api.activate(mfr, Instant.now().minus(30, ChronoUnit.HOURS), primaries.toArray(String[]::new));
        ok(api.post(
                "/api/v1/shipments",
                mfr,
                codes(primaries.get(0), primaries.get(1)).put("destination", DISTRIBUTOR)));
        ok(api.post("/api/v1/receipts", pbf, codes(primaries.get(0), primaries.get(1))));
        ok(api.post(
                "/api/v1/returns",
                pbf,
                codes(primaries.get(1)).put("destination", MANUFACTURER).put("reason", "kemasan rusak")));
        ok(api.post("/api/v1/shipments", mfr, codes(primaries.get(2)).put("destination", DISTRIBUTOR)));
        // a recalled batch the distributor holds: its notice reaches the distributor (Lampiran L.a.5)
        List<String> recalled = api.issue(mfr, "R2611", 1);
        recalledCode = recalled.get(0);
        api.activate(mfr, null, recalled.get(0));
        ok(api.post("/api/v1/shipments", mfr, codes(recalled.get(0)).put("destination", DISTRIBUTOR)));
        ok(api.post("/api/v1/receipts", pbf, codes(recalled.get(0))));
        ok(api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "R2611")
                        .put("reason", "hasil uji stabilitas tidak memenuhi syarat")
                        .put("letterNumber", "PN.01.01/2611")
                        .put("letterDate", "2026-11-30")));
        browser = new Browser("http://127.0.0.1:" + api.lacak.port());
    }

    static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 202);
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(browser, api);
    }

    @Test
    void login_refusesEmptyFieldsNextToThemAndAWrongPassword_thenOpensTheDashboard() {
        browser.loggedOut();
        assertThat(browser.overflowAt(390)).isZero();
        browser.desktop();
        browser.click("#login-btn");
        // the error sits next to its field and is announced with it
        assertThat(browser.text("#username-error")).isEqualTo("wajib diisi");
        assertThat(browser.driver.findElement(By.id("username")).getAttribute("aria-describedby"))
                .isEqualTo("username-error");
        browser.type("username", "pabrik");
        browser.type("password", "not-the-password");
        browser.click("#login-btn");
        assertThat(browser.text("#login-result [role=alert]")).isEqualTo("Nama pengguna atau kata sandi salah.");

        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        assertThat(browser.text("#who")).isEqualTo("pabrik");
    }

    @Test
    void pasal12_5_theManufacturersDashboardShowsTheReturnAwaitingItsDecisionAndItsLateReport() throws Exception {
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        WebElement ret = browser.shown("#notifications li[data-kind=RETURN_AWAITING_DECISION]");
        assertThat(ret.getText()).contains("Retur menunggu keputusan").contains("kemasan rusak");
        assertThat(ret.findElement(By.cssSelector("dd[data-field=codes]")).getText())
                .isEqualTo("1");
        // the notice carries its code, not only the count
        assertThat(ret.findElement(By.cssSelector("td[data-col=code]")).getText())
                .isEqualTo(primaries.get(1));
        WebElement late = browser.shown("#late-table tbody tr");
        assertThat(late.findElement(By.cssSelector("td[data-col=kind]")).getText())
                .isEqualTo("USAGE");
        assertThat(late.findElement(By.cssSelector("td[data-col=minutesLate]")).getText())
                .matches("[56] jam \\d+ menit");
        browser.screenshot("facility-dashboard");
    }

    @Test
    void lampiranL_a5_theDistributorSeesTheIncomingShipmentAndTheRecallNotice_marksRead_inBothLanguages()
            throws Exception {
        browser.login("pbf", api.password(DISTRIBUTOR), "/console/#dashboard");
        WebElement incoming = browser.shown("#notifications li[data-kind=INCOMING_SHIPMENT]");
        assertThat(incoming.getText()).contains("Kiriman masuk dari " + MANUFACTURER);
        WebElement recall = browser.shown("#notifications li[data-kind=RECALL_NOTICE]");
        assertThat(recall.findElement(By.cssSelector("dd[data-field=letterNumber]"))
                        .getText())
                .isEqualTo("PN.01.01/2611");
        assertThat(recall.findElement(By.cssSelector("dd[data-field=reason]")).getText())
                .contains("uji stabilitas");
        // Lampiran L.a.5: the affected stock held here, code by code with its state now
        assertThat(recall.findElement(By.cssSelector("dd[data-field=heldHere]")).getText())
                .isEqualTo("1");
        assertThat(recall.findElement(By.cssSelector("td[data-col=code]")).getText())
                .isEqualTo(recalledCode);
        assertThat(recall.findElement(By.cssSelector("td[data-col=status]")).getText())
                .isEqualTo("di sarana");
        // each incoming shipment with its codes: p2 is among them, whatever its state now
        assertThat(browser
                        .driver
                        .findElements(
                                By.cssSelector("#notifications li[data-kind=INCOMING_SHIPMENT] td[data-col=code]"))
                        .stream()
                        .map(WebElement::getText))
                .contains(primaries.get(0), primaries.get(1), primaries.get(2), recalledCode);
        browser.screenshot("facility-dashboard-distributor");
        assertThat(browser.driver.findElements(By.cssSelector("#late-table"))).isEmpty();
        assertThat(browser.text("#no-late")).isEqualTo("Tidak ada laporan terlambat.");

        recall.findElement(By.cssSelector("button.mark-read")).click();
        browser.until(d -> d.findElements(By.cssSelector("#notifications li.unread[data-kind=RECALL_NOTICE]"))
                .isEmpty());
        HttpResponse<Buffer> unread = api.get("/api/v1/notifications?unread=true", api.key(DISTRIBUTOR));
        assertThat(unread.bodyAsJsonArray().stream().map(n -> ((JsonObject) n).getString("kind")))
                .doesNotContain("RECALL_NOTICE")
                .contains("INCOMING_SHIPMENT");

        browser.click("#lang");
        browser.until(d -> d.findElement(By.tagName("h1")).getText().equals("Facility dashboard"));
        assertThat(browser.text("#notifications li[data-kind=INCOMING_SHIPMENT] .kind"))
                .isEqualTo("Incoming shipment");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang"))
                .isEqualTo("en");
        browser.click("#lang");
        browser.until(d -> d.findElement(By.tagName("h1")).getText().equals("Dasbor sarana"));
    }

    @Test
    void lampiranG4b_aBadUsageFileShowsItsRowProblemsAsATable_aGoodOneRunsTheProgressBarToDone() throws Exception {
        List<String> fresh = api.issue(mfr, "U2611", 2);
        String header = api.get("/api/v1/templates/usage", null).bodyAsString().split("\n")[0];
        String row = MANUFACTURER + ",Primer,%s,0,0," + AUTH_NIE + ",2028-11-30,U2611,,%s,FALSE,FALSE";
        Path bad = Files.writeString(
                Files.createTempFile("usage-bad", ".csv"),
                header + "\n" + row.formatted(fresh.get(0), "TRUE") + "\n" + row.formatted(fresh.get(1), "MUNGKIN")
                        + "\n");
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        browser.click("nav a[href='#upload']");
        browser.shown("#upload-form");
        browser.click("#upload-btn");
        assertThat(browser.text("#file-error")).isEqualTo("wajib diisi");
        assertThat(browser.driver.findElement(By.id("template-link")).getAttribute("href"))
                .endsWith("/api/v1/templates/usage");

        browser.driver.findElement(By.id("file")).sendKeys(bad.toString());
        browser.click("#upload-btn");
        browser.until(d -> "REFUSED".equals(d.findElement(By.id("job-state")).getAttribute("data-state")));
        WebElement problem = browser.shown("#problem-table tbody tr");
        assertThat(problem.findElement(By.cssSelector("td[data-col=line]")).getText())
                .isEqualTo("3");
        assertThat(problem.findElement(By.cssSelector("td[data-col=column]")).getText())
                .isEqualToIgnoringCase("Active");
        assertThat(problem.findElement(By.cssSelector("td[data-col=message]")).getText())
                .isEqualTo("'MUNGKIN' bukan TRUE atau FALSE"); // the server's own Indonesian (messages.id)
        browser.screenshot("facility-upload");

        Path good = Files.writeString(
                Files.createTempFile("usage-good", ".csv"),
                header + "\n" + row.formatted(fresh.get(0), "TRUE") + "\n" + row.formatted(fresh.get(1), "TRUE")
                        + "\n");
        browser.driver.findElement(By.id("file")).sendKeys(good.toString());
        browser.click("#upload-btn");
        browser.until(d -> "DONE".equals(d.findElement(By.id("job-state")).getAttribute("data-state")));
        assertThat(browser.driver.findElement(By.id("upload-progress")).getAttribute("value"))
                .isEqualTo("100");
        assertThat(browser.text("#job-state")).contains("2 diterima");
        assertThat(browser.driver.findElements(By.id("problem-table"))).isEmpty();
        HttpResponse<Buffer> state = api.get(
                "/api/v1/codes/state?code="
                        + java.net.URLEncoder.encode(fresh.get(1), java.nio.charset.StandardCharsets.UTF_8),
                mfr);
        assertThat(state.bodyAsJsonObject().getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void lampiranK9b_theManufacturerRejectsTheReturnWithAReason_andTheDistributorIsTold() throws Exception {
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        browser.shown("#notifications li[data-kind=RETURN_AWAITING_DECISION] a.decide")
                .click();
        browser.shown("#decision-form");
        // the decision starts with the return's codes from the notice
        assertThat(browser.driver.findElement(By.id("d-codes")).getAttribute("value"))
                .isEqualTo(primaries.get(1));
        browser.click("#d-reject");
        browser.click("#decision-btn");
        // a rejection needs its reason (K.9b: the returning facility is told why)
        assertThat(browser.text("#d-reason-error")).isEqualTo("wajib diisi");
        browser.type("d-reason", "bukan dari pengiriman kami");
        browser.click("#decision-btn");
        assertThat(browser.text("#decided")).isEqualTo("Retur ditolak: 1 kode.");
        HttpResponse<Buffer> told = api.get("/api/v1/notifications", api.key(DISTRIBUTOR));
        assertThat(told.bodyAsJsonArray().stream()
                        .map(n -> (JsonObject) n)
                        .filter(n -> n.getString("kind").equals("RETURN_REJECTED"))
                        .map(n -> n.getJsonObject("details").getString("reason")))
                .containsExactly("bukan dari pengiriman kami");
    }

    @Test
    void pasal12_theChainOfCustodyOfACodeListsEveryEventThatMovedIt() throws Exception {
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        browser.click("nav a[href='#custody']");
        browser.type("k-code", primaries.get(0));
        browser.click("#custody-btn");
        assertThat(browser.text("#code-state dd[data-field=holder]")).isEqualTo(DISTRIBUTOR);
        browser.shown("#custody-table");
        assertThat(browser.driver.findElements(By.cssSelector("#custody-table td[data-col=kind]")).stream()
                        .map(WebElement::getText))
                .contains("USAGE", "SHIPMENT", "RECEIPT");
        assertThat(browser.text("#custody-table tbody tr td[data-col=late]")).isIn("ya", "tidak");
        browser.screenshot("facility-custody");
        browser.type("k-code", primaries.get(0).replace("(21)", "(21)Z"));
        browser.click("#custody-btn");
        assertThat(browser.shown("#custody-result [role=alert]").getAttribute("data-status"))
                .isIn("400", "404", "422");
    }

    @Test
    void seed004_aKeyIsCreatedShownOnceAndRevoked_andThePasswordChangeKeepsTheSession() throws Exception {
        browser.login("apotek", api.password(PHARMACY), "/console/#dashboard");
        browser.click("nav a[href='#account']");
        browser.type("key-label", "kasir");
        browser.click("#key-btn");
        WebElement key = browser.shown("#new-key");
        String secret = key.getText();
        assertThat(secret).startsWith("lk_");
        assertThat(api.get("/api/v1/notifications", secret).statusCode()).isEqualTo(200);
        browser.type("revoke-id", key.getAttribute("data-id"));
        browser.click("#revoke-btn");
        browser.shown("#key-revoked");
        assertThat(api.get("/api/v1/notifications", secret).statusCode()).isEqualTo(401);

        browser.type("p-current", "not-the-password");
        browser.type("p-new", "kata-sandi-baru-2611");
        browser.click("#password-btn");
        browser.shown("#password-result [role=alert]");
        browser.type("p-current", api.password(PHARMACY));
        browser.type("p-new", "kata-sandi-baru-2611");
        browser.click("#password-btn");
        browser.shown("#password-changed");
        browser.click("nav a[href='#dashboard']");
        browser.shown("#notifications"); // the session goes on with the new token
        assertThat(browser.driver.getCurrentUrl()).endsWith("#dashboard");
        assertThat(api.login("apotek", "kata-sandi-baru-2611")).isNotBlank();
    }

    @Test
    void lampiranHIJ_theScanPageChecksEachScanAtOnce_receivesByScannerAndShipsByCamera() throws Exception {
        browser.login("pbf", api.password(DISTRIBUTOR), "/console/#dashboard");
        browser.click("nav a[href='#scan']");
        browser.shown("#s-code");
        // a USB or Bluetooth scanner types the code and Enter
        for (String code :
                List.of(primaries.get(2), primaries.get(0), primaries.get(2).replace("(21)", "(21)Q"))) {
            browser.driver.findElement(By.id("s-code")).sendKeys(code + "\n");
        }
        browser.until(d -> d.findElements(By.cssSelector("#scan-table td[data-col=check] span")).stream()
                .noneMatch(e -> e.getText().equals("Memproses…")));
        List<String> checks = browser.driver.findElements(By.cssSelector("#scan-table td[data-col=check]")).stream()
                .map(WebElement::getText)
                .toList();
        // newest first: the unknown code, the one already held here, the one on its way here
        assertThat(checks).containsExactly("tidak dikenal", "tidak sesuai: di sarana", "sesuai");
        // sent with the two that do not fit, the report is refused whole, each code with its reason
        browser.click("#s-submit");
        assertThat(browser.shown("#s-result [role=alert]").getAttribute("data-code"))
                .isEqualTo("REFUSED");
        assertThat(browser.text("#s-result [role=alert]")).isEqualTo("2 dari 3 ditolak; tidak ada yang diterapkan");
        assertThat(browser.driver.findElements(By.cssSelector("#refused-table td[data-col=reason]")).stream()
                        .map(WebElement::getText))
                .containsExactly(
                        "kode ini belum pernah diterbitkan atau dilaporkan",
                        "status kode ini tidak memungkinkan tindakan ini");
        browser.screenshot("facility-scan");
        // Remove drops the scan of its row: the two that do not fit go, the one on its way here stays
        for (int i = 0; i < 2; i++) {
            int rows = browser.driver
                    .findElements(By.cssSelector("#scan-table tbody tr"))
                    .size();
            browser.click("#scan-table tbody tr:first-child button");
            browser.until(
                    d -> d.findElements(By.cssSelector("#scan-table tbody tr")).size() == rows - 1);
        }
        assertThat(browser.text("#scan-table tbody tr td[data-col=check]")).isEqualTo("sesuai");
        browser.click("#s-submit");
        assertThat(browser.text("#s-sent")).isEqualTo("Laporan diterima: 1 kode.");

        // the camera: a stand-in BarcodeDetector over Chromium's fake camera sees the code in every frame
        browser.js(
                "window.rawCode = arguments[0]; window.BarcodeDetector = class {"
                        + " static async getSupportedFormats() { return ['qr_code', 'data_matrix']; }"
                        + " async detect() { return [{rawValue: window.rawCode, format: 'qr_code'}]; } };",
                primaries.get(2));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("s-mode")))
                .selectByValue("shipments");
        new org.openqa.selenium.support.ui.Select(browser.shown("#s-destination")).selectByValue(PHARMACY);
        browser.click("#s-camera");
        browser.until(d ->
                d.findElements(By.cssSelector("#scan-table span[data-ok=true]")).size() == 1);
        // the answer to the receipt goes with the first scan of the next batch
        assertThat(browser.driver.findElements(By.id("s-sent"))).isEmpty();
        browser.click("#s-camera"); // stops it
        assertThat(browser.driver.findElements(By.cssSelector("#scan-table tbody tr")))
                .hasSize(1);
        // another activity checks the scans again: a code held here cannot be received
        org.openqa.selenium.support.ui.Select mode =
                new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("s-mode")));
        mode.selectByValue("receipts");
        assertThat(browser.text("#scan-table td[data-col=check]")).isEqualTo("tidak sesuai: di sarana");
        mode.selectByValue("shipments");
        new org.openqa.selenium.support.ui.Select(browser.shown("#s-destination")).selectByValue(PHARMACY);
        assertThat(browser.text("#scan-table td[data-col=check]")).isEqualTo("sesuai");
        browser.click("#s-submit");
        assertThat(browser.text("#s-sent")).startsWith("Laporan diterima: 1");
        JsonObject state = api.get(
                        "/api/v1/codes/state?code="
                                + java.net.URLEncoder.encode(primaries.get(2), java.nio.charset.StandardCharsets.UTF_8),
                        api.key(DISTRIBUTOR))
                .bodyAsJsonObject();
        assertThat(state.getString("status")).isEqualTo("IN_TRANSIT");
        assertThat(state.getString("counterparty")).isEqualTo(PHARMACY);
    }

    @Test
    void pasal12_5_lampiranA_theRegulatorsDeskShowsRecallsAndLateReports_andPublishesNewsThePublicPageShows()
            throws Exception {
        browser.login("regulator", Api.ADMIN_PASSWORD, "/console/#desk");
        WebElement recall = browser.shown("#recalls-table tbody tr");
        assertThat(recall.findElement(By.cssSelector("td[data-col=nie]")).getText())
                .isEqualTo(AUTH_NIE + " / R2611");
        assertThat(recall.findElement(By.cssSelector("td[data-col=returnedShare]"))
                        .getText())
                .endsWith("%");
        WebElement late = browser.shown("#desk-late-table tbody tr");
        assertThat(late.findElement(By.cssSelector("td[data-col=partnerId]")).getText())
                .isEqualTo(MANUFACTURER);
        assertThat(browser.driver.findElements(By.cssSelector("nav a[href='#dashboard']")))
                .isEmpty();
        assertThat(browser.overflowAt(390)).isZero();
        browser.desktop();

        // news for the public: errors next to the fields, then the item on the desk and on the public page
        browser.click("#news-btn");
        assertThat(browser.text("#n-title-error")).isEqualTo("wajib diisi");
        browser.type("n-title", "Waspada obat palsu");
        browser.type("n-body", "Periksa 2D barcode pada kemasan sebelum membeli.");
        browser.click("#news-btn");
        assertThat(browser.text("#news-table tbody tr td[data-col=title]")).isEqualTo("Waspada obat palsu");
        browser.screenshot("regulator-desk");
        browser.open("/");
        assertThat(browser.text("#news-list li")).contains("Waspada obat palsu").contains("Periksa 2D barcode");
        HttpResponse<Buffer> refused = api.post(
                "/api/v1/news",
                api.key(MANUFACTURER),
                new JsonObject().put("title", "x").put("body", "y"));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void everyFacilityPageReadsAtAPhonesWidth() {
        browser.login("pbf", api.password(DISTRIBUTOR), "/console/#dashboard");
        for (String page : List.of(
                "/console/#dashboard",
                "/console/#upload",
                "/console/#returns",
                "/console/#custody",
                "/console/#account",
                "/console/#scan")) {
            browser.open(page);
            browser.shown("h1");
            assertThat(browser.overflowAt(390)).as(page).isZero();
            assertThat(browser.driver.findElement(By.tagName("body")).getText())
                    .as(page)
                    .doesNotContain("null", "undefined");
        }
        browser.desktop();
    }
}
