package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the console tests (never a downloaded browser), with what those tests
 * do again and again: wait, type, read, switch to a phone's width, save a screenshot under {@code
 * target/screenshots/} (the README's pictures are copied from there).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final String base;

    Browser(String base) {
        this.base = base;
        this.driver = chromium("--window-size=1200,1600");
    }

    /** Debian's Chromium, headless, with a fake camera that needs no device and no permission prompt. */
    static WebDriver chromium(String windowSize) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
                        + " chromium-driver; .ci/run installs them)")
                .isTrue();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        windowSize,
                        "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(base + path);
    }

    <T> T until(Function<? super WebDriver, T> condition) {
        // a page that redraws replaces what was found a moment ago: look again
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The element, once it is shown. */
    WebElement shown(By by) {
        return until(d -> {
            WebElement e = d.findElements(by).stream().findFirst().orElse(null);
            return e != null && e.isDisplayed() ? e : null;
        });
    }

    WebElement shown(String css) {
        return shown(By.cssSelector(css));
    }

    void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    void click(String css) {
        shown(css).click();
    }

    String text(String css) {
        return shown(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The console's login page, no session, in Bahasa Indonesia. */
    void loggedOut() {
        open("/console/");
        js("sessionStorage.clear(); localStorage.removeItem('lacak.lang');");
        open("/console/");
    }

    /** Logs in on the console's login page and waits for the page it leads to. */
    void login(String username, String password, String landing) {
        loggedOut();
        type("username", username);
        type("password", password);
        click("#login-btn");
        until(d -> d.getCurrentUrl().endsWith(landing));
    }

    /** Pixels the page is wider than the window: 0 when it reads at that width without scrolling sideways. */
    long overflowAt(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        return ((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .longValue();
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1200, 1600));
    }

    /**
     * Saves the page as {@code target/screenshots/<name>.png}: the window fitted to the page's height, then
     * halved, so that the README's copies stay small.
     */
    void screenshot(String name) throws Exception {
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1000, (int) Math.min(1800, height + 100)));
        java.awt.image.BufferedImage full = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES)));
        java.awt.image.BufferedImage half = new java.awt.image.BufferedImage(
                full.getWidth() / 2, full.getHeight() / 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = half.createGraphics();
        g.setRenderingHint(
                java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, half.getWidth(), half.getHeight(), null);
        g.dispose();
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        javax.imageio.ImageIO.write(half, "png", dir.resolve(name + ".png").toFile());
        desktop();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
