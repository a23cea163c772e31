package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public page at {@code /} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs when missing; Selenium is pointed at them
 * and never downloads a browser): verify a genuine and an unknown code, a photo of a generated QR,
 * switch language, file a complaint and track it.
 */
class PageTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  static Api api;
  static WebDriver browser;
  static List<String> primaries;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
            + " .ci/run installs them)").isTrue();
    api = new Api(Files.createTempDirectory("lacak-page-test"), c -> c.setVerifyRate(0));
    String mfr = api.key(MANUFACTURER);
    HttpResponse<Buffer> r = api.post("/api/v1/code-requests", mfr, new JsonObject().put("nie", AUTH_NIE)
        .put("batch", "W2611").put("expiry", "2028-11-30").put("primaries", 2).put("perSecondary", 2).put("perTertiary", 1));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    primaries = api.codes(r.bodyAsJsonObject().getLong("id"), "primary", mfr);
    JsonArray lines = new JsonArray();
    primaries.forEach(p -> lines.add(new JsonObject().put("primary", p).put("use", "ACTIVE")));
    assertThat(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines)).statusCode()).isEqualTo(200);

    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,2400");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
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
    browser.get("http://127.0.0.1:" + api.lacak.port() + "/");
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
    assertThat(browser.findElement(By.cssSelector("#result dd[data-field=nie]")).getText()).isEqualTo(AUTH_NIE);
    assertThat(browser.findElement(By.cssSelector("#result dd[data-field=holder]")).getText()).isNotBlank();
    assertThat(browser.findElement(By.cssSelector("#result dd[data-field=packaging]")).getText()).startsWith("Dus");
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
    WebElement product = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#nie-result dd[data-field=nie]")));
    assertThat(product.getText()).isEqualTo(AUTH_NIE);
    browser.findElement(By.id("goto-complaint")).click();
    assertThat(browser.findElement(By.id("c-nie")).getAttribute("value")).isEqualTo(AUTH_NIE);
  }

  @Test
  void lampiranMa_aPhotoOfAGeneratedQrIsVerified() throws Exception {
    Buffer png = api.get("/api/v1/barcodes?code=" + URLEncoder.encode(primaries.get(1), StandardCharsets.UTF_8)
        + "&symbology=qr&sizeMm=25&dpi=300", api.key(MANUFACTURER)).body();
    File photo = Files.write(Files.createTempFile("qr", ".png"), png.getBytes()).toFile();

    browser.findElement(By.id("photo")).sendKeys(photo.getAbsolutePath());

    WebElement verdict = verdictShown();
    assertThat(verdict.getAttribute("data-verdict")).isEqualTo("GENUINE");
    assertThat(browser.findElement(By.cssSelector("#result dl:last-of-type dd")).getText()).isEqualTo(primaries.get(1));
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
    assertThat(api.get("/api/v1/complaints/" + tracking, null).bodyAsJsonObject().getString("question"))
        .isEqualTo("Segel kemasan rusak.");

    type("tracking", tracking);
    browser.findElement(By.id("track-btn")).click();
    assertThat(wait(ExpectedConditions.visibilityOfElementLocated(By.id("track-result-status"))).getText())
        .isEqualTo("RECEIVED");
  }

  @Test
  void lampiranB_theResponsiblePersonActivatesTheAccountOnThePageTheNoticeLinksTo() throws Exception {
    HttpResponse<Buffer> filed = api.client.request(io.vertx.core.http.HttpMethod.POST, api.lacak.port(), "127.0.0.1",
            "/api/v1/facility-requests")
        .sendMultipartForm(io.vertx.ext.web.multipart.MultipartForm.create().attribute("type", "PHARMACY")
            .attribute("name", "Apotek Halaman").attribute("address", "Jl. Halaman 1").attribute("npwp", "012345678901234")
            .attribute("responsiblePerson", "Apt. Tono").attribute("phone", "+62 21 555 0123")
            .attribute("email", "tono@apotek-halaman.example.id")
            .binaryFileUpload("SIUP", "siup.pdf", Buffer.buffer("%PDF-1.7\n%%EOF\n"), "application/pdf"))
        .await(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
    String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    String partnerId = api.post("/api/v1/facility-requests/" + filed.bodyAsJsonObject().getLong("id") + "/decision",
        regulator, new JsonObject().put("decision", "APPROVE")).bodyAsJsonObject().getString("partnerId");
    String link = api.mailedLink("tono@apotek-halaman.example.id", "/activate.html?token="); // in the mail only
    assertThat(link).startsWith("/activate.html?token=");

    browser.get("http://127.0.0.1:" + api.lacak.port() + link);
    type("password", "apotek-halaman-2026");
    type("password2", "apotek-halaman-2026");
    browser.findElement(By.id("activate-btn")).click();

    WebElement message = wait(ExpectedConditions.visibilityOfElementLocated(By.id("activate-message")));
    assertThat(message.getText()).contains(partnerId.toLowerCase()).contains("aktif");
    assertThat(api.login(partnerId.toLowerCase(), "apotek-halaman-2026")).isNotBlank();
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
    assertThat(api.post("/api/v1/companies/" + id + "/decision", regulator, new JsonObject().put("decision", "RETURN")
        .put("note", "Jumlah karyawan tidak sesuai")).statusCode()).isEqualTo(200);
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
    browser.findElement(By.cssSelector("input[name=commodities][value=OBAT_TRADISIONAL]")).click();
    type("name", name);
    type("npwp", "012345678901234");
    type("businessField", "Industri obat tradisional");
    type("leader", "Budi Santoso");
    type("employees", employees);
    type("deedNumber", "12");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('deedDate').value = '2010-01-15'");
    type("notary", "Notaris Sri Wahyuni");
    type("iuiTdp", "IUI-503/2010");
    type("responsibleName", "Apt. Dewi");
    type("responsibleEmail", "dewi@jamu-halaman.example.id");
    type("responsiblePhone", "+62 21 555 0199");
  }
}
