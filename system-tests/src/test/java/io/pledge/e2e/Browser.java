package io.pledge.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them) as a customer's
 * phone or a supervisor's desktop, with the two things every page test needs besides clicking:
 * a screenshot into {@code target/screenshots/} (the READMEs show copies of them) and axe-core's
 * accessibility check, run in the same browser on the page as it is.
 */
public final class Browser implements AutoCloseable {

    /** What the test pretends to be. A phone is Chromium's mobile emulation, not only a narrow window. */
    public enum Device {
        PHONE(360, 740, 3.0, true),
        DESKTOP(1280, 900, 1.0, false);

        final int width;
        final int height;
        final double pixelRatio;
        final boolean mobile;

        Device(int width, int height, double pixelRatio, boolean mobile) {
            this.width = width;
            this.height = height;
            this.pixelRatio = pixelRatio;
            this.mobile = mobile;
        }
    }

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of(System.getProperty("pledge.axe",
            "target/test-classes/axe/node_modules/axe-core/axe.min.js"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("pledge.screenshots", "target/screenshots"));

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(Device device, String acceptLanguage) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the page tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
        try {
            profile = Files.createTempDirectory("pledge-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The flags keep Chromium from reaching for Google's hosts, which this network refuses.
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--hide-scrollbars", "--lang=" + acceptLanguage.split(",")[0],
                        "--user-data-dir=" + profile)
                .setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        if (device.mobile) {
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", device.width, "height", device.height,
                            "pixelRatio", device.pixelRatio, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                            + " Chrome/140.0 Mobile Safari/537.36"));
        } else {
            options.addArguments("--window-size=" + device.width + "," + device.height);
        }
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
                options);
    }

    /** A 360 × 740 phone whose owner reads Chinese first. */
    public static Browser phone() {
        return new Browser(Device.PHONE, "zh-CN,zh,en");
    }

    /** A 1280 × 900 desktop whose owner reads English first. */
    public static Browser desktop() {
        return new Browser(Device.DESKTOP, "en-US,en");
    }

    public static Browser of(Device device, String acceptLanguage) {
        return new Browser(device, acceptLanguage);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * The whole page, also what lies below the fold, as {@code target/screenshots/<name>.png} (through
     * the DevTools protocol: WebDriver's own screenshot stops at the viewport); returns the file.
     */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) content.get("width")).doubleValue(),
                "height", ((Number) content.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * axe-core's violations of impact "serious" or "critical" on the page as it is now, each as
     * "rule: help (selectors)"; empty when the page passes. The WCAG 2.x A and AA rules are run.
     */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() {
        String axe;
        try {
            axe = Files.readString(AXE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is installed by the system-tests build (npm ci): " + AXE, e);
        }
        JavascriptExecutor js = driver;
        js.executeScript(axe);
        Map<String, Object> results = (Map<String, Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                    targets: v.nodes.map(n => n.target.join(' ')).join(', ')}))}))
                   .catch(e => done({error: String(e)}));
                """);
        if (results.containsKey("error")) {
            throw new IllegalStateException("axe-core failed: " + results.get("error"));
        }
        return ((List<Map<String, Object>>) results.get("violations")).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + ": " + v.get("help") + " (" + v.get("targets") + ")")
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
