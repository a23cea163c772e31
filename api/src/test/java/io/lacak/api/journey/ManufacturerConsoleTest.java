package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The manufacturer's pages of the facility console (issue 20) in a real Chromium against the real
 * server: a code request (errors next to their fields), the list with each level's download, barcode
 * management (Lampiran G.b.6: the codes per level counted by status) with the barcode images, and a
 * recall with its letter (Lampiran L.a) and its effectiveness.
 */
class ManufacturerConsoleTest {

    static Api api;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-manufacturer-console"), c -> c);
        browser = new Browser("http://127.0.0.1:" + api.lacak.port());
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(browser, api);
    }

    private static void fillRequest(String nie, String batch, String primaries) {
        browser.type("r-nie", nie);
        browser.type("r-batch", batch);
        browser.js("document.getElementById('r-expiry').value = '2028-11-30'");
        browser.type("r-primaries", primaries);
        browser.click("#request-btn");
    }

    @Test
    void pasal8_lampiranGb6_requestCodesThenManageThemPerLevelAndStatus_withTheirBarcodes() throws Exception {
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        browser.click("nav a[href='#codes']");
        browser.click("#request-btn");
        assertThat(browser.text("#r-nie-error")).isEqualTo("wajib diisi");
        assertThat(browser.text("#r-primaries-error")).isEqualTo("wajib diisi");

        // the server's refusal, next to the field it names
        fillRequest("DKL2699999999A1", "M2611", "3");
        assertThat(browser.shown("#request-result [role=alert]").getAttribute("data-status"))
                .isIn("404", "422", "400");

        fillRequest(AUTH_NIE, "M2611", "3");
        WebElement issued = browser.shown("#issued");
        long id = Long.parseLong(issued.getAttribute("data-id"));
        browser.until(d -> d.findElement(By.cssSelector("#requests-table tbody tr td[data-col=batch]"))
                .getText()
                .equals("M2611"));
        assertThat(browser.text("#requests-table tbody tr td[data-col=counts]")).isEqualTo("3 / 1 / 1");

        List<String> primaries = api.codes(id, "primary", api.key(MANUFACTURER));
        api.activate(api.key(MANUFACTURER), null, primaries.get(0));
        browser.click("#requests-table tbody tr button.manage"); // the list may have been drawn again
        WebElement primary = browser.shown("#status-table tbody tr");
        assertThat(primary.findElement(By.cssSelector("td[data-col=level]")).getText())
                .isEqualTo("Primer");
        assertThat(primary.findElement(By.cssSelector("td[data-col=byStatus]")).getText())
                .contains("aktif: 1")
                .contains("belum dilaporkan: 2");
        // the barcode images: one per code, loaded (QR by default for codes Badan POM issues)
        browser.until(d -> d.findElements(By.cssSelector("#barcodes img")).size() == 3);
        browser.until(d -> (Boolean) browser.js("return [...document.querySelectorAll('#barcodes img')]"
                + ".every(i => i.complete && i.naturalWidth > 0)"));
        assertThat(browser.driver.findElement(By.cssSelector("#barcodes img")).getAttribute("alt"))
                .isEqualTo(primaries.get(0));
        browser.screenshot("manufacturer-codes");

        HttpResponse<Buffer> status = api.get("/api/v1/code-requests/" + id + "/status", api.key(MANUFACTURER));
        JsonObject levels = status.bodyAsJsonObject().getJsonArray("levels").getJsonObject(0);
        assertThat(levels.getJsonObject("byStatus").getLong("ACTIVE")).isEqualTo(1L);
        assertThat(levels.getJsonObject("byStatus").getLong("NOT_REPORTED")).isEqualTo(2L);
    }

    @Test
    void lampiranLa_aRecallWithItsLetterShowsItsEffectiveness_andItsNoticeCarriesTheLetter() throws Exception {
        List<String> primaries = api.issue(api.key(MANUFACTURER), "L2611", 2);
        api.activate(api.key(MANUFACTURER), null, primaries.toArray(String[]::new));
        Path letter = Files.write(Files.createTempFile("surat", ".pdf"), RecallLetterTest.PDF);
        browser.login("pabrik", api.password(MANUFACTURER), "/console/#dashboard");
        browser.click("nav a[href='#recalls']");
        browser.click("#recall-btn");
        assertThat(browser.text("#c-letter-error")).isEqualTo("wajib diisi");

        browser.type("c-nie", AUTH_NIE);
        browser.type("c-batch", "L2611");
        browser.type("c-reason", "cemaran mikroba");
        browser.type("c-number", "PN.02/2611");
        browser.js("document.getElementById('c-date').value = '2026-11-30'");
        browser.driver.findElement(By.id("c-letter")).sendKeys(letter.toString());
        browser.click("#recall-btn");
        assertThat(browser.text("#recalled")).contains("L2611");
        assertThat(browser.text("#effectiveness dd[data-field=atNotice]")).isEqualTo("2");
        assertThat(browser.text("#effectiveness dd[data-field=returnedShare]")).endsWith("%");
        browser.screenshot("manufacturer-recall");

        browser.click("nav a[href='#dashboard']");
        WebElement notice = browser.shown("#notifications li[data-kind=RECALL_NOTICE]");
        assertThat(notice.getText()).contains("L2611").contains("PN.02/2611");
        assertThat(notice.findElements(By.cssSelector("button.letter"))).hasSize(1);
    }

    @Test
    void aPharmacyHasNoManufacturersPages() {
        browser.login("apotek", api.password(PHARMACY), "/console/#dashboard");
        assertThat(browser.driver.findElements(By.cssSelector("nav a[href='#codes']")))
                .isEmpty();
        browser.open("/console/#codes");
        browser.until(
                d -> d.getCurrentUrl().endsWith("#codes") || d.getCurrentUrl().endsWith("#dashboard"));
        browser.shown("#notifications");
        assertThat(browser.driver.findElements(By.id("request-form"))).isEmpty();
    }
}
