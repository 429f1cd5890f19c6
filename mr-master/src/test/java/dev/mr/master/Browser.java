package dev.mr.master;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium through Debian's chromedriver ({@code chromium} and
 * {@code chromium-driver}, which {@code scripts/mr-test} installs). Selenium is handed both binaries, so it
 * never downloads a browser or a driver. Without them the browser tests are skipped with a message
 * saying what to install, except under CI ({@code CI} set), where that is a failure.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getenv().getOrDefault("MR_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("MR_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final int WIDTH = 1400;

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        // a page redraws its parts on each refresh, so an element found a moment ago may be gone:
        // look again rather than fail
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Fails the calling test, naming what to install, when Chromium or its driver is missing: a
     * browser test that skips itself quietly would let a broken page pass CI. A developer without
     * Chromium can skip it on purpose with {@code -Dmr.browser.skip=true}.
     */
    static void requireInstalled() {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        String missing = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver (as scripts/mr-test does), or point MR_CHROMIUM and"
                + " MR_CHROMEDRIVER at them, or skip the browser tests with -Dmr.browser.skip=true";
        Assumptions.assumeFalse(Boolean.getBoolean("mr.browser.skip"), "browser test skipped by -Dmr.browser.skip=true");
        if (!present) throw new AssertionError(missing);
    }

    static Browser start(Path tmp) throws IOException {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // no sandbox (CI runs as root), no /dev/shm (small in containers), and no background
        // connections, which a closed network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Clicks the element {@code by} finds, finding it again if a redraw replaced it meanwhile. */
    void click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves the whole page, top to bottom however long, as {@code dir/name.png}. */
    Path screenshot(Path dir, String name) throws IOException {
        return screenshot(dir, name, 1.0);
    }

    /**
     * Saves the whole page at {@code scale} (0.5: half the pixels each way) as {@code dir/name.png}.
     * Through the DevTools protocol, which renders beyond the window and from the top, wherever the
     * page is scrolled: a window grown to the page's height would still cut it where it is scrolled.
     */
    Path screenshot(Path dir, String name, double scale) throws IOException {
        Files.createDirectories(dir);
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        Number width = (Number) js("return document.documentElement.clientWidth;");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.min(8000, height.intValue()), "scale", scale)));
        Path out = dir.resolve(name + ".png");
        Files.write(out, Base64.getDecoder().decode((String) shot.get("data")));
        return out;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; JUnit removes its parent
        }
    }
}
