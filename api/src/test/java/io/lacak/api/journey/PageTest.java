package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public page at {@code /} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs when missing; Selenium is pointed at them
 * and never downloads a browser): verify a genuine and an unknown code, a deep link, a camera scan
 * (a stand-in BarcodeDetector over Chromium's fake camera) and its fallback, photos of a generated QR
 * and of DataMatrix symbols for batches of every length, switch language, file a complaint and track
 * it; at phone and desktop widths nothing reads "null", and Indonesian mode reads Indonesian.
 */
class PageTest {

    static Api api;
    static WebDriver browser;
    static List<String> primaries;
    /** P0 sold at the pharmacy, P1 issued but never reported, P2 active. */
    static List<String> special;
    /** One active code per batch length 1..20 (Lampiran C (10): up to 20 alphanumerics), by length. */
    static final Map<Integer, String> BY_BATCH_LENGTH = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        assertThat(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER))
                .as(
                        "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                                + " .ci/run installs them)")
                .isTrue();
        // the public rate limit as deployed (20/s, bursts of 40), for the 429 in the page
        api = new Api(Files.createTempDirectory("lacak-page-test"), c -> c.setVerifyRate(20));
        String mfr = api.key(MANUFACTURER);
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "W2611")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 2)
                        .put("perSecondary", 2)
                        .put("perTertiary", 1));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        primaries = api.codes(r.bodyAsJsonObject().getLong("id"), "primary", mfr);
        JsonArray lines = new JsonArray();
        primaries.forEach(p -> lines.add(new JsonObject().put("primary", p).put("use", "ACTIVE")));
        assertThat(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines))
                        .statusCode())
                .isEqualTo(200);

        special = api.issue(mfr, "S2611", 3);
        api.activate(mfr, null, special.get(0), special.get(2));
        String apt = api.key(PHARMACY);
        ok(api.post("/api/v1/shipments", mfr, codes(special.get(0)).put("destination", PHARMACY)));
        ok(api.post("/api/v1/receipts", apt, codes(special.get(0))));
        ok(api.post("/api/v1/sales", apt, codes(special.get(0))));

        String alphabet = "K7Q2M9X4P1R8T3V6W5Z0"; // letters and digits, so no length is all-numeric
        for (int n = 1; n <= 20; n++) {
            String code = api.issue(mfr, alphabet.substring(20 - n), 1).get(0);
            api.activate(mfr, null, code);
            BY_BATCH_LENGTH.put(n, code);
        }

        browser = Browser.chromium("--window-size=1200,2400");
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void open() {
        browser.get(page() + "/");
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cek Produk"));
    }

    private static <T> T wait(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private static WebElement verdictShown() {
        return wait(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
    }

    private static void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void pasal25_verifyingAGenuineCodeShowsTheVerdictAndTheProduct_inBothLanguages() {
        type("code", primaries.get(0));
        browser.findElement(By.id("verify-btn")).click();

        WebElement verdict = verdictShown();
        assertThat(verdict.getAttribute("data-verdict")).isEqualTo("GENUINE");
        assertThat(verdict.getText()).contains("asli");
        assertThat(browser.findElement(By.cssSelector("#result dd[data-field=nie]"))
                        .getText())
                .isEqualTo(AUTH_NIE);
        assertThat(browser.findElement(By.cssSelector("#result dd[data-field=holder]"))
                        .getText())
                .isNotBlank();
        assertThat(browser.findElement(By.cssSelector("#result dd[data-field=packaging]"))
                        .getText())
                .startsWith("Dus");
        assertThat(browser.findElement(By.id("batch")).getText()).isEqualTo("W2611");

        browser.findElement(By.id("lang")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "Genuine"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Check");
        browser.findElement(By.id("lang")).click(); // back to Bahasa Indonesia for the other tests
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cek Produk"));
    }

    @Test
    void lampiranMa4a_anUnknownCodeLeadsToNieLookUpAndTheComplaintForm() {
        String genuine = primaries.get(0);
        type("code", genuine.substring(0, genuine.indexOf("(21)") + 4) + "ZZZZZZZZZZZZ");
        browser.findElement(By.id("verify-btn")).click();

        assertThat(verdictShown().getAttribute("data-verdict")).isEqualTo("UNKNOWN");
        browser.findElement(By.id("goto-nie")).click();
        WebElement product =
                wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nie-result dd[data-field=nie]")));
        assertThat(product.getText()).isEqualTo(AUTH_NIE);
        browser.findElement(By.id("goto-complaint")).click();
        assertThat(browser.findElement(By.id("c-nie")).getAttribute("value")).isEqualTo(AUTH_NIE);
    }

    @Test
    void lampiranMa_aPhotoOfAGeneratedQrIsVerified() throws Exception {
        Buffer png = api.get(
                        "/api/v1/barcodes?code=" + URLEncoder.encode(primaries.get(1), StandardCharsets.UTF_8)
                                + "&symbology=qr&sizeMm=25&dpi=300",
                        api.key(MANUFACTURER))
                .body();
        File photo =
                Files.write(Files.createTempFile("qr", ".png"), png.getBytes()).toFile();

        browser.findElement(By.id("photo")).sendKeys(photo.getAbsolutePath());

        WebElement verdict = verdictShown();
        assertThat(verdict.getAttribute("data-verdict")).isEqualTo("GENUINE");
        assertThat(browser.findElement(By.cssSelector("#result dl:last-of-type dd"))
                        .getText())
                .isEqualTo(primaries.get(1));
    }

    @Test
    void pasal24_aDeepLinkShowsTheVerdictWithoutAClick_bracketedOrAsAScannerSendsIt() {
        for (String code : List.of(primaries.get(0), VerifyTest.scanned(primaries.get(1)))) {
            browser.get(page() + "/?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
            WebElement verdict = verdictShown();
            assertThat(verdict.getAttribute("data-verdict")).isEqualTo("GENUINE");
            assertThat(verdict.getText()).contains("asli");
            assertThat(browser.findElement(By.cssSelector("#result dd[data-field=nie]"))
                            .getText())
                    .isEqualTo(AUTH_NIE);
        }
        assertThat(browser.findElement(By.id("answer-code")).getText()).isEqualTo(primaries.get(1));
    }

    @Test
    void lampiranMa3_theScanButtonReadsQrAndDataMatrixFromTheCamera_andStopsIt() {
        // Chromium on Linux has no BarcodeDetector: a stand-in that sees the code on the third frame of
        // the real getUserMedia stream (Chromium's fake camera), as a phone's detector would send it
        String raw = VerifyTest.scanned(primaries.get(0)).substring(3); // no symbology identifier, GS separators
        js(
                "window.rawCode = arguments[0]; window.BarcodeDetector = class {"
                        + " static async getSupportedFormats() { return ['ean_13', 'qr_code', 'data_matrix']; }"
                        + " constructor(o) { window.asked = o.formats; window.frames = 0; }"
                        + " async detect(v) { window.stream = v.srcObject;"
                        + "   if (!(v instanceof HTMLVideoElement) || v.srcObject.getVideoTracks()[0].readyState !== 'live') {"
                        + "     throw new Error('no camera'); }"
                        + "   return ++window.frames < 3 ? [] : [{format: 'data_matrix', rawValue: window.rawCode}]; } };",
                raw);
        browser.findElement(By.id("scan-btn")).click();

        assertThat(verdictShown().getAttribute("data-verdict")).isEqualTo("GENUINE");
        assertThat(browser.findElement(By.id("answer-code")).getText()).isEqualTo(primaries.get(0));
        assertThat(js("return window.asked")).isEqualTo(List.of("qr_code", "data_matrix"));
        assertThat(js("return window.stream.getTracks().every(t => t.readyState === 'ended')"))
                .isEqualTo(true);
        assertThat(browser.findElement(By.id("scan-video")).isDisplayed()).isFalse();
    }

    @Test
    void lampiranMa3_withoutBarcodeDetectorTheScanButtonOpensThePhotoUpload() {
        js(
                "delete window.BarcodeDetector; window.BarcodeDetector = undefined; delete window.BarcodeDetector;"
                        + " window.photoOpened = false;"
                        + " document.getElementById('photo').addEventListener('click', e => { window.photoOpened = true; e.preventDefault(); });");
        browser.findElement(By.id("scan-btn")).click();

        WebElement note = wait(ExpectedConditions.visibilityOfElementLocated(By.id("scan-note")));
        assertThat(note.getText()).contains("foto");
        assertThat(js("return window.photoOpened")).isEqualTo(true);
        assertThat(browser.findElement(By.id("scan-video")).isDisplayed()).isFalse();
    }

    /**
     * Lampiran C (10) allows batches of 1 to 20 characters: a photo of the DataMatrix Lacak renders for
     * each length is read on the page and verified genuine.
     */
    @Test
    void lampiranC_aPhotoOfTheDataMatrixOfEveryBatchLength1To20IsGenuine() throws Exception {
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> e : BY_BATCH_LENGTH.entrySet()) {
            String code = e.getValue();
            HttpResponse<Buffer> png = api.get(
                    "/api/v1/barcodes?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                            + "&symbology=datamatrix",
                    api.key(MANUFACTURER));
            assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(200);
            File photo = Files.write(
                            Files.createTempFile("dm" + e.getKey() + "-", ".png"),
                            png.body().getBytes())
                    .toFile();
            js("document.getElementById('result').replaceChildren()");
            browser.findElement(By.id("photo")).sendKeys(photo.getAbsolutePath());
            WebElement shown =
                    wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verdict, #result-problem")));
            String verdict = shown.getAttribute("data-verdict");
            if (!"GENUINE".equals(verdict) || !code.equals(shown.getAttribute("data-code"))) {
                failed.put(e.getKey(), verdict + " " + shown.getAttribute("data-code") + ": " + shown.getText());
            }
        }
        assertThat(BY_BATCH_LENGTH).hasSize(20);
        assertThat(failed)
                .as("batch lengths whose DataMatrix photo was not verified genuine")
                .isEmpty();
    }

    /** What the page shows at a phone's width and a desktop's: no text node reads "null" or "undefined". */
    @ParameterizedTest
    @ValueSource(ints = {390, 1280})
    void nothingUnderAnyResultReadsNullOrUndefined(int width) throws Exception {
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
        try {
            for (String lang : List.of("id", "en")) {
                js("localStorage.setItem('lacak.lang', arguments[0])", lang);
                List<String> seen = new ArrayList<>();
                for (String code : List.of(
                        primaries.get(0),
                        primaries.get(0).replaceFirst("\\(21\\).*", "(21)ZZZZZZZZZZZZ"),
                        special.get(0),
                        special.get(1),
                        "(01)09501101530003(10)B(17)281231(21)X",
                        "(90)DKL0000000000X9(10)B1(17)281231(21)S1",
                        "bukan kode",
                        "")) {
                    browser.get(page() + "/"); // returns once the page's script has run
                    if (!lang.equals(js("return document.documentElement.lang"))) {
                        throw new AssertionError("the page did not start in " + lang);
                    }
                    type("code", code);
                    browser.findElement(By.id("verify-btn")).click();
                    seen.add(resultShown("result"));
                    if (browser.findElements(By.id("goto-nie")).size() > 0 && code.startsWith("(90)")) {
                        browser.findElement(By.id("goto-nie")).click();
                        seen.add(resultShown("nie-result"));
                    }
                    assertNoNull(width, lang + " " + code);
                }
                type("nie", "DKL0000000000X9");
                browser.findElement(By.id("nie-btn")).click();
                seen.add(resultShown("nie-result"));
                type("tracking", "ADU-2222222222");
                browser.findElement(By.id("track-btn")).click();
                seen.add(resultShown("track-result"));
                js(
                        "document.querySelectorAll('#complaint-form [required]').forEach(e => e.removeAttribute('required'))");
                browser.findElement(By.id("complaint-btn")).click();
                seen.add(resultShown("complaint-result"));
                assertNoNull(width, lang + " look-up, tracking and complaint");
                assertThat(seen).doesNotContainNull().hasSizeGreaterThan(8);
            }
        } finally {
            js("localStorage.setItem('lacak.lang', 'id')");
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Every verdict, refusal and problem code the public can meet reads in Bahasa Indonesia in Indonesian mode. */
    @Test
    void pasal24_indonesianModeReadsIndonesian_verdictsRefusalsAndA429() throws Exception {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String code : List.of(
                primaries.get(0),
                special.get(0),
                special.get(1),
                primaries.get(0).replaceFirst("\\(21\\).*", "(21)ZZZZZZZZZZZZ"),
                "(90)DKL0000000000X9(10)B1(17)281231(21)S1")) {
            JsonObject answer = api.get("/api/v1/verify?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), null)
                    .bodyAsJsonObject();
            type("code", code);
            browser.findElement(By.id("verify-btn")).click();
            wait(ExpectedConditions.attributeToBe(By.id("verdict"), "data-code", answer.getString("code")));
            WebElement verdict = browser.findElement(By.id("verdict"));
            verdicts.put(verdict.getAttribute("data-verdict"), verdict.getText());
            assertThat(verdict.getText())
                    .isEqualTo(answer.getJsonObject("message").getString("id"));
        }
        assertThat(verdicts).containsOnlyKeys("GENUINE", "SOLD", "NOT_ACTIVATED", "UNKNOWN", "NIE_INVALID");
        assertThat(verdicts.get("SOLD")).contains("dijual kepada konsumen", "apotek", "laporkan");
        // an UNKNOWN code beside a registered NIE names no holder as the pack's maker
        type("code", primaries.get(0).replaceFirst("\\(21\\).*", "(21)ZZZZZZZZZZZZ"));
        browser.findElement(By.id("verify-btn")).click();
        wait(ExpectedConditions.attributeToBe(By.id("verdict"), "data-verdict", "UNKNOWN"));
        assertThat(browser.findElements(By.cssSelector("#result dd[data-field=holder]")))
                .isEmpty();

        // refusals: an unreadable code lists each problem in Indonesian, not the server's English
        type("code", "(90)DKL1234(10)B1");
        browser.findElement(By.id("verify-btn")).click();
        WebElement problem = wait(ExpectedConditions.visibilityOfElementLocated(By.id("result-problem")));
        assertThat(problem.getText()).isEqualTo("Kode tidak dapat dibaca");
        List<WebElement> items = browser.findElements(By.cssSelector("#result ul.errors li"));
        assertThat(items).isNotEmpty().allSatisfy(li -> assertThat(li.getText())
                .startsWith("Kode: ")
                .doesNotContain("missing", "required", "must", "the "));
        type("code", "");
        browser.findElement(By.id("verify-btn")).click();
        wait(ExpectedConditions.attributeToBe(By.id("result-problem"), "data-code", "BAD_REQUEST"));
        assertThat(browser.findElement(By.cssSelector("#result ul.errors li")).getText())
                .isEqualTo("Kode: wajib diisi");
        File text = Files.writeString(Files.createTempFile("bukan-foto", ".png"), "bukan gambar")
                .toFile();
        browser.findElement(By.id("photo")).sendKeys(text.getAbsolutePath());
        wait(ExpectedConditions.attributeToBe(By.id("result-problem"), "data-code", "PHOTO_TYPE"));
        assertThat(browser.findElement(By.id("result-problem")).getText())
                .isEqualTo("Foto harus berupa PNG atau JPEG.");
        type("nie", "DKL0000000000X9");
        browser.findElement(By.id("nie-btn")).click();
        assertThat(wait(ExpectedConditions.visibilityOfElementLocated(By.id("nie-result-problem")))
                        .getText())
                .isEqualTo("Tidak ditemukan.");

        // 429: while the page's own address floods the limit, a check through the form is refused in Indonesian
        js("window.flood = true; for (let i = 0; i < 6; i++) { (async () => { while (window.flood) {"
                + " try { await fetch('/api/v1/verify?code=x'); } catch (e) {} } })(); }");
        try {
            String status = null;
            for (int i = 0; i < 50 && !"429".equals(status); i++) {
                type("code", primaries.get(0));
                js("document.getElementById('result').replaceChildren()");
                browser.findElement(By.id("verify-btn")).click();
                WebElement shown =
                        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verdict, #result-problem")));
                status = shown.getAttribute("data-status");
            }
            assertThat(status).as("no 429 in 50 checks while flooding").isEqualTo("429");
            WebElement refused = browser.findElement(By.id("result-problem"));
            assertThat(refused.getAttribute("data-code")).isEqualTo("RATE_LIMITED");
            assertThat(refused.getText())
                    .matches("Terlalu banyak permintaan dari alamat ini\\. Coba lagi dalam \\d+ detik\\.");
            browser.findElement(By.id("lang")).click();
            wait(ExpectedConditions.textToBePresentInElementLocated(By.id("result-problem"), "Too many requests"));
            browser.findElement(By.id("lang")).click();
            wait(ExpectedConditions.textToBePresentInElementLocated(By.id("result-problem"), "Terlalu banyak"));
        } finally {
            js("window.flood = false");
            awaitAllowance();
        }
    }

    /** Waits until the limiter lets this address verify again, so the other tests are not refused. */
    private static void awaitAllowance() throws Exception {
        browser.get("about:blank"); // ends the page's requests
        for (int i = 0; i < 200; i++) {
            if (api.get("/api/v1/verify?code=x", null).statusCode() != 429) {
                Thread.sleep(2000); // the burst refills at 20/s: two seconds restore it whole
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rate limit never let this address in again");
    }

    private static String page() {
        return "http://127.0.0.1:" + api.lacak.port();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The text of a result box once it shows an answer or a problem (not the "checking" line). */
    private static String resultShown(String box) {
        wait(d -> d.findElement(By.id(box)).isDisplayed()
                && d.findElements(By.cssSelector("#" + box + " #busy")).isEmpty()
                && !d.findElement(By.id(box)).getText().isBlank());
        return browser.findElement(By.id(box)).getText();
    }

    /** No text node on the page reads null or undefined; at a phone's width nothing is wider than the screen. */
    @SuppressWarnings("unchecked")
    private static void assertNoNull(int width, String after) {
        List<String> bad = (List<String>) js("const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                + " const bad = []; while (w.nextNode()) { if (/null|undefined|NaN|\\[object/.test(w.currentNode.nodeValue)) {"
                + " bad.push(w.currentNode.nodeValue); } } return bad;");
        assertThat(bad).as("text nodes after " + after + " at " + width + " px").isEmpty();
        Object overflow = js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue())
                .as("horizontal overflow after " + after + " at " + width + " px")
                .isLessThanOrEqualTo(0);
    }

    @Test
    void lampiranMb_aComplaintIsFiledAndTrackedByItsNumber() throws Exception {
        type("c-question", "Segel kemasan rusak.");
        type("c-product", "Parasetamol 500 mg");
        type("c-batch", "W2611");
        type("c-nie", AUTH_NIE);
        type("c-place", "Apotek Contoh");
        type("c-address", "Jl. Contoh 3, Jakarta");
        browser.findElement(By.id("complaint-btn")).click();

        WebElement number = wait(ExpectedConditions.visibilityOfElementLocated(By.id("complaint-result-number")));
        String tracking = number.getText();
        assertThat(tracking).matches("ADU-[2-9A-HJ-NP-Z]{10}");
        assertThat(api.get("/api/v1/complaints/" + tracking, null)
                        .bodyAsJsonObject()
                        .getString("question"))
                .isEqualTo("Segel kemasan rusak.");

        type("tracking", tracking);
        browser.findElement(By.id("track-btn")).click();
        WebElement status = wait(ExpectedConditions.visibilityOfElementLocated(By.id("track-result-status")));
        assertThat(status.getAttribute("data-status")).isEqualTo("RECEIVED");
        assertThat(status.getText()).isEqualTo("Diterima"); // Lampiran M.b.6, read in Bahasa Indonesia
        browser.findElement(By.id("lang")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("track-result-status"), "Received"));
        browser.findElement(By.id("lang")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cek Produk"));
    }

    @Test
    void lampiranB_theResponsiblePersonActivatesTheAccountOnThePageTheNoticeLinksTo() throws Exception {
        HttpResponse<Buffer> filed = api.client
                .request(io.vertx.core.http.HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/facility-requests")
                .sendMultipartForm(io.vertx.ext.web.multipart.MultipartForm.create()
                        .attribute("type", "PHARMACY")
                        .attribute("name", "Apotek Halaman")
                        .attribute("address", "Jl. Halaman 1")
                        .attribute("npwp", "012345678901234")
                        .attribute("responsiblePerson", "Apt. Tono")
                        .attribute("phone", "+62 21 555 0123")
                        .attribute("email", "tono@apotek-halaman.example.id")
                        .attribute("commodities", "DRUG")
                        .binaryFileUpload("SIUP", "siup.pdf", Buffer.buffer("%PDF-1.7\n%%EOF\n"), "application/pdf"))
                .await(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        String partnerId = api.post(
                        "/api/v1/facility-requests/" + filed.bodyAsJsonObject().getLong("id") + "/decision",
                        regulator,
                        new JsonObject().put("decision", "APPROVE"))
                .bodyAsJsonObject()
                .getString("partnerId");
        String link = api.mailedLink("tono@apotek-halaman.example.id", "/activate.html?token="); // in the mail only
        assertThat(link).startsWith("/activate.html?token=");

        browser.get("http://127.0.0.1:" + api.lacak.port() + link);
        type("password", "apotek-halaman-2026");
        type("password2", "apotek-halaman-2026");
        browser.findElement(By.id("activate-btn")).click();

        WebElement message = wait(ExpectedConditions.visibilityOfElementLocated(By.id("activate-message")));
        assertThat(message.getText()).contains(partnerId.toLowerCase()).contains("aktif");
        assertThat(api.login(partnerId.toLowerCase(), "apotek-halaman-2026")).isNotBlank();

        // seed 004 "Lupa Password": the reset link of the e-mail opens reset.html, which sets the new password
        int before = api.mails.size();
        assertThat(api.post("/api/v1/password-resets", null, new JsonObject().put("username", partnerId.toLowerCase()))
                        .statusCode())
                .isEqualTo(202);
        String reset = api.mailedLink("tono@apotek-halaman.example.id", "/reset.html?token=", before);
        browser.get("http://127.0.0.1:" + api.lacak.port() + reset);
        type("password", "apotek-halaman-baru");
        type("password2", "apotek-halaman-baru");
        browser.findElement(By.id("reset-btn")).click();
        WebElement done = wait(ExpectedConditions.visibilityOfElementLocated(By.id("reset-message")));
        assertThat(done.getText()).contains(partnerId.toLowerCase()).contains("diubah");
        assertThat(api.login(partnerId.toLowerCase(), "apotek-halaman-baru")).isNotBlank();
    }

    @Test
    void seed002_companyRegisteredOnThePage_returnedAndRevisedThroughTheNoticesLink() throws Exception {
        Path pdf = Files.createTempFile("dokumen", ".pdf");
        Files.writeString(pdf, "%PDF-1.7\n%%EOF\n");
        browser.get("http://127.0.0.1:" + api.lacak.port() + "/company.html");
        fillCompanyForm("PT Jamu Halaman", "25 orang");
        for (String kind : List.of("APPLICATION_LETTER", "STATEMENT_LETTER", "SIUP", "NPWP", "TDP")) {
            browser.findElement(By.id(kind)).sendKeys(pdf.toString());
        }
        browser.findElement(By.id("company-btn")).click();
        // seed 002: every problem is listed beside its field; nothing is kept
        WebElement errors = wait(ExpectedConditions.visibilityOfElementLocated(By.id("company-errors")));
        assertThat(errors.getText()).contains("name:", "employees:");

        type("name", "Jamu Halaman");
        type("employees", "25");
        browser.findElement(By.id("company-btn")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("company-message"), "SUBMITTED"));
        String message = browser.findElement(By.id("company-message")).getText();
        long id = Long.parseLong(message.replaceAll("(?s)^Registrasi nomor (\\d+).*", "$1"));

        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        assertThat(api.post(
                                "/api/v1/companies/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "RETURN").put("note", "Jumlah karyawan tidak sesuai"))
                        .statusCode())
                .isEqualTo(200);
        String link = api.mailedLink("dewi@jamu-halaman.example.id", "/company.html?id="); // in the mail only
        assertThat(link).startsWith("/company.html?id=" + id + "&key=");

        browser.get("http://127.0.0.1:" + api.lacak.port() + link);
        assertThat(browser.findElement(By.id("company-title")).getText()).contains("Perbaikan");
        fillCompanyForm("Jamu Halaman", "31");
        browser.findElement(By.id("company-btn")).click(); // no document replaced
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("company-message"), "SUBMITTED"));
        JsonObject revised = api.get("/api/v1/companies/" + id, regulator).bodyAsJsonObject();
        assertThat(revised.getInteger("employees")).isEqualTo(31);
        assertThat(revised.getJsonArray("documents")).hasSize(5);
    }

    /** The company registration page's fields (seed 002), with the given name and employees. */
    private static void fillCompanyForm(String name, String employees) {
        type("nib", "8120001234567");
        browser.findElement(By.cssSelector("input[name=commodities][value=OBAT_TRADISIONAL]"))
                .click();
        type("name", name);
        type("npwp", "012345678901234");
        type("businessField", "Industri obat tradisional");
        type("leader", "Budi Santoso");
        type("employees", employees);
        type("deedNumber", "12");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('deedDate').value = '2010-01-15'");
        type("notary", "Notaris Sri Wahyuni");
        type("iuiTdp", "IUI-503/2010");
        type("responsibleName", "Apt. Dewi");
        type("responsibleEmail", "dewi@jamu-halaman.example.id");
        type("responsiblePhone", "+62 21 555 0199");
    }
}
