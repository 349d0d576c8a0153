package io.pledge.kpi.catalogue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.kpi.KpiTesting.deliver;
import static io.pledge.kpi.KpiTesting.line;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #16: what the supervisor dashboard asks kpi-service for besides the figures themselves — the
 * dimension values for its scope selector, every team's scorecard at once, and CSV downloads.
 */
@QuarkusTest
class DashboardApiTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM_A = "dash-team-a-" + RUN;
    private static final String TEAM_B = "dash-team-b-" + RUN;
    private static final String DEPT_A = "dash-dept-a-" + RUN;
    private static final String AGENT_A = "dash-agent-a-" + RUN;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String MONTH = YearMonth.from(NOW.atZone(ZoneOffset.UTC)).toString();   // kpi: UTC in tests

    /** A supervisor of team A only (neither "*" teams nor "*" departments). */
    private static final String SUPERVISOR_A = Tokens.of(Roles.SUPERVISOR).teams(TEAM_A).departments(DEPT_A).sign();
    private static final String ADMIN = Tokens.withRoles(Roles.ADMIN);

    @BeforeAll
    static void ticketsOfTwoTeamsOverTwoDays() {
        deliver(opened(TEAM_A, AGENT_A, DEPT_A, NOW), opened(TEAM_A, AGENT_A, DEPT_A, NOW.minus(1, ChronoUnit.DAYS)),
                opened(TEAM_B, null, "dash-dept-b-" + RUN, NOW));
    }

    private static ProducerRecord<String, byte[]> opened(String team, String agent, String department, Instant at) {
        TicketFacts facts = new TicketFacts(UUID.randomUUID(), "CRM-DASH", Channel.EMAIL, Category.INQUIRY,
                Priority.NORMAL, TicketStatus.OPEN, team, agent, department);
        return cloudEvent(new TicketOpened(facts, null, "crm", List.of(), at, null), at);
    }

    @Test
    void anAllSeeingTokenIsOfferedEveryStoredValueAndCompanyWideFigures() {
        Map<String, Object> dimensions = dimensions(ADMIN);
        assertEquals(true, dimensions.get("all"));
        assertTrue(list(dimensions, "team").containsAll(List.of(TEAM_A, TEAM_B)));
        assertTrue(list(dimensions, "department").contains(DEPT_A));
        assertTrue(list(dimensions, "agent").contains(AGENT_A));
        assertTrue(list(dimensions, "channel").contains("EMAIL"));
        assertEquals(list(dimensions, "team").stream().sorted().toList(), list(dimensions, "team"));
    }

    @Test
    void aTeamScopedSupervisorIsOfferedOnlyTheirTeamAndDepartment() {
        Map<String, Object> dimensions = dimensions(SUPERVISOR_A);
        assertEquals(false, dimensions.get("all"));
        assertEquals(List.of(TEAM_A), list(dimensions, "team"));
        assertEquals(List.of(DEPT_A), list(dimensions, "department"));
        assertEquals(List.of(), list(dimensions, "agent"));   // agents' figures mix teams (KpiScope)
        assertEquals(List.of(), list(dimensions, "channel"));
    }

    @Test
    void scorecardsByTeamAreEachTeamsScorecardForTheMonth() {
        Map<String, Object> all = given().auth().oauth2(SUPERVISOR_A).queryParam("by", "team").queryParam("month", MONTH)
                .get("/api/v1/kpis/scorecards").then().statusCode(200)
                .body("by", equalTo("team")).body("month", equalTo(MONTH)).extract().as(Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scorecards = (List<Map<String, Object>>) all.get("scorecards");
        assertEquals(List.of("team=" + TEAM_A), scorecards.stream().map(s -> s.get("dimension")).toList());
        Map<String, Object> single = given().auth().oauth2(SUPERVISOR_A).queryParam("team", TEAM_A)
                .queryParam("month", MONTH).get("/api/v1/kpis/scorecard").then().statusCode(200).extract().as(Map.class);
        assertEquals(single, scorecards.get(0));
        // team A's two tickets, unless yesterday's fell into last month
        double thisMonths = YearMonth.from(NOW.minus(1, ChronoUnit.DAYS).atZone(ZoneOffset.UTC)).toString().equals(MONTH)
                ? 2.0 : 1.0;
        assertEquals(thisMonths, line(scorecards.get(0), "tickets.opened").get("value"));

        given().auth().oauth2(ADMIN).queryParam("by", "channel").get("/api/v1/kpis/scorecards").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles(Roles.DASHBOARD)).queryParam("by", "agent")
                .get("/api/v1/kpis/scorecards").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theCsvOfASeriesHasTheJsonsPoints() throws IOException {
        String from = NOW.minus(3, ChronoUnit.DAYS).toString();
        var json = given().auth().oauth2(SUPERVISOR_A).queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + TEAM_A).queryParam("from", from).get("/api/v1/kpis")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        List<Map<String, Object>> points = json.getList("points");
        assertEquals(2, points.size());

        Response csv = given().auth().oauth2(SUPERVISOR_A).accept("text/csv").queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + TEAM_A).queryParam("from", from).get("/api/v1/kpis");
        csv.then().statusCode(200).contentType("text/csv;charset=UTF-8")
                .header("Content-Disposition", startsWith("attachment; filename=\"kpi_tickets.opened_team-"));
        List<Map<String, String>> rows = rows(csv.asString());
        assertEquals(points.size(), rows.size());
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> point = points.get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(point.get("bucketStart"), row.get("bucketStart"));
            assertEquals(((Number) point.get("value")).doubleValue(), Double.parseDouble(row.get("value")));
            assertEquals(((Number) point.get("samples")).longValue(), Long.parseLong(row.get("samples")));
            assertEquals(point.get("status"), row.get("status"));
        }
    }

    @Test
    void everyTableComesAsCsvWithAHeaderRow() {
        assertCsv("/api/v1/kpis/current?dimension=team=" + TEAM_A, "metric,description,unit,value,samples,target,status");
        assertCsv("/api/v1/kpis/scorecard?team=" + TEAM_A, "metric,description,unit,value,samples,target,status");
        assertCsv("/api/v1/kpis/scorecards?by=team", "dimension,metric,description,unit,value,samples,target,status");
        assertCsv("/api/v1/kpis/root-causes?dimension=team=" + TEAM_A, "rootCause,complaints,share");
        assertCsv("/api/v1/kpis/definitions", "id,name,numerator,denominator,bucket,unit,better,target,atRiskWithin");
        String dimensions = assertCsv("/api/v1/kpis/dimensions", "dimension,value");
        assertTrue(dimensions.contains("team," + TEAM_A + "\r\n"), dimensions);
        assertFalse(dimensions.contains(TEAM_B), dimensions);
    }

    @Test
    void aCsvRequestOutsideTheScopeIsStillAProblemJson404() {
        given().auth().oauth2(SUPERVISOR_A).accept("text/csv").queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + TEAM_B).get("/api/v1/kpis").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no KPI figures for team=" + TEAM_B + " in your scope"));
    }

    private static String assertCsv(String pathAndQuery, String header) {
        String body = given().auth().oauth2(SUPERVISOR_A).accept("text/csv").urlEncodingEnabled(false)
                .get(pathAndQuery).then().statusCode(200).contentType("text/csv;charset=UTF-8")
                .header("Content-Disposition", startsWith("attachment; filename=")).extract().asString();
        assertTrue(body.startsWith(header + "\r\n"), body);
        return body;
    }

    private static Map<String, Object> dimensions(String token) {
        return given().auth().oauth2(token).get("/api/v1/kpis/dimensions").then().statusCode(200)
                .contentType("application/json").extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> dimensions, String name) {
        return (List<String>) dimensions.get(name);
    }

    private static List<Map<String, String>> rows(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }
}
