package io.pledge.e2e;

import io.pledge.platform.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.pledge.e2e.LocalPlatform.Service.KPI;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live dashboard kpi-service serves at {@code /}, in headless Chromium (Debian's chromium and
 * chromium-driver; .ci/run installs them): it shows today's KPIs and a number changes, without a
 * reload, after a ticket is opened.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
        LocalPlatform.start();
        profile = Files.createTempDirectory("pledge-chromium");
        // The flags keep Chromium from reaching for Google's hosts, which this network refuses.
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String ticketsOpenedToday() {
        return browser.findElement(By.cssSelector("#kpi-tickets\\.opened .value")).getText();
    }

    @Test
    void theDashboardShowsTodaysTicketsGoUpWhenATicketIsOpened() {
        browser.get("http://127.0.0.1:" + KPI.port + "/#token=" + Tokens.withRoles("dashboard"));
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                "live".equals(browser.findElement(By.id("status")).getText()) && !ticketsOpenedToday().isEmpty());
        String before = ticketsOpenedToday();

        Tickets.open("WEB", "INQUIRY", "dashboard-" + UUID.randomUUID());

        await().atMost(PATIENCE).ignoreExceptions().until(() -> !ticketsOpenedToday().equals(before));
    }
}
