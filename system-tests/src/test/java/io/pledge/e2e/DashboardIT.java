package io.pledge.e2e;

import io.pledge.platform.testing.Tokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.pledge.e2e.LocalPlatform.Service.KPI;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervisor dashboard kpi-service serves at {@code /}, in headless Chromium ({@link Browser}),
 * for a supervisor whose token names one team: the page filtered to that team shows that team's
 * numbers and no other's, a chart with more than one day, a clock due within the hour, and CSV
 * downloads equal to the API's JSON; on a desktop and on a 360 px phone, without serious axe violations.
 */
class DashboardIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TEAM = "dashboard-" + UUID.randomUUID();
    private static final String OTHER_TEAM = "dashboard-other-" + UUID.randomUUID();
    private static final String SUPERVISOR = Tokens.of("supervisor").teams(TEAM).departments().sign();
    private static final int OPENED_TODAY = 3;

    private static String ticketToday;

    @BeforeAll
    static void start() {
        LocalPlatform.start();
        // yesterday's contact, reported late, gives the 30-day chart a second day
        Tickets.openedAt("WEB", "INQUIRY", TEAM, Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
        for (int i = 0; i < OPENED_TODAY; i++) {
            ticketToday = Tickets.open("PHONE", "INQUIRY", TEAM);
        }
        Tickets.open("WEB", "INQUIRY", OTHER_TEAM);
    }

    private static void showTeam(WebDriver driver) {
        driver.get("http://127.0.0.1:" + KPI.port + "/#token=" + SUPERVISOR);
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                "live".equals(driver.findElement(By.id("status")).getText()));
        // a token of one team is offered that team only, never "all"
        List<String> scopes = new Select(driver.findElement(By.id("scope"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertEquals(List.of("team=" + TEAM), scopes);
    }

    private static String openedToday(WebDriver driver) {
        return driver.findElement(By.cssSelector("#kpi-tickets\\.opened .value")).getText();
    }

    @Test
    void theTeamsSupervisorSeesExactlyTheTeamsTicketsADaysChartAClockAtRiskAndCsvEqualToTheApi() {
        try (Browser browser = Browser.desktop()) {
            WebDriver driver = browser.driver();
            showTeam(driver);
            await().atMost(PATIENCE).ignoreExceptions().until(() -> openedToday(driver).equals(
                    Integer.toString(OPENED_TODAY)));

            // the 30-day chart has at least two days with a value: yesterday's and today's
            await().atMost(PATIENCE).ignoreExceptions().until(() -> ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return echarts.getInstanceByDom(document.getElementById('chart-days'))"
                            + ".getOption().series[0].data.filter(p => p[1] !== null).length")).intValue() >= 2);

            // a first-response clock of today's ticket is due within the hour
            await().atMost(Duration.ofSeconds(45)).ignoreExceptions().until(() ->
                    driver.findElement(By.id("at-risk")).getText().contains(ticketToday));

            // the 30-day chart's CSV (its button's query, already URL-encoded by the page), row for row
            // the JSON's values
            String url = (String) ((JavascriptExecutor) driver).executeScript("return csvSources.days[0]");
            String csv = RestAssured.given().baseUri("http://127.0.0.1").port(KPI.port).urlEncodingEnabled(false)
                    .auth().oauth2(SUPERVISOR).accept("text/csv").get(url)
                    .then().log().ifValidationFails().statusCode(200).extract().asString();
            List<Float> values = RestAssured.given().baseUri("http://127.0.0.1").port(KPI.port).urlEncodingEnabled(false)
                    .auth().oauth2(SUPERVISOR).accept("application/json").get(url)
                    .then().log().ifValidationFails().statusCode(200).extract().jsonPath().getList("points.value", Float.class);
            String[] rows = csv.strip().split("\r?\n");
            int valueColumn = List.of(rows[0].split(",")).indexOf("value");
            List<Float> csvValues = Stream.of(rows).skip(1).map(row -> row.split(",", -1)[valueColumn])
                    .map(cell -> cell.isEmpty() ? null : Float.valueOf(cell)).toList();
            assertEquals(values, csvValues, csv);
            String fromPage = (String) ((JavascriptExecutor) driver).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    api(arguments[0], "text/csv").then(b => b.text()).then(done, e => done(String(e)));
                    """, url);
            assertEquals(List.of(rows), List.of(fromPage.strip().split("\r?\n")));

            browser.screenshot("dashboard-desktop");
            assertEquals(List.of(), browser.seriousAccessibilityViolations());
        }
    }

    @Test
    void onA360PxPhoneTheDashboardIsUsableWithoutSeriousAccessibilityViolations() {
        try (Browser browser = Browser.phone()) {
            WebDriver driver = browser.driver();
            showTeam(driver);
            await().atMost(PATIENCE).ignoreExceptions().until(() -> !openedToday(driver).isEmpty());
            Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow.intValue() <= 0, "the page scrolls sideways by " + overflow + " px");
            browser.screenshot("dashboard-phone");
            assertEquals(List.of(), browser.seriousAccessibilityViolations());
        }
    }
}
