package io.pledge.kpi.catalogue;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.kpi.KpiTesting.deliver;
import static io.pledge.kpi.KpiTesting.line;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #14: a dashboard or supervisor sees the figures of its own teams and departments; per-agent
 * figures only supervisors and admins; company-wide figures (all, channel, …) only callers who see
 * everything. Outside its scope a caller gets a 404, the same whether the value exists or not.
 */
@QuarkusTest
class KpiScopeTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM_A = "kpi-team-a-" + RUN;
    private static final String TEAM_B = "kpi-team-b-" + RUN;
    private static final String DEPT_A = "kpi-dept-a-" + RUN;
    private static final String AGENT_B = "agent-b-" + RUN;

    /** A wallboard of team A in department A: neither "*" teams nor "*" departments. */
    private static final String DASHBOARD_A = Tokens.of(Roles.DASHBOARD).subject("wallboard-a@pledge.test")
            .teams(TEAM_A).departments(DEPT_A).sign();

    @BeforeAll
    static void oneTicketForEachTeam() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        deliver(opened(TEAM_A, null, DEPT_A, now), opened(TEAM_B, AGENT_B, "kpi-dept-b-" + RUN, now));
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> opened(String team, String agent,
                                                                                          String department, Instant at) {
        TicketFacts facts = new TicketFacts(UUID.randomUUID(), "CRM-SCOPE", Channel.WEB, Category.INQUIRY, Priority.NORMAL,
                TicketStatus.OPEN, team, agent, department);
        return cloudEvent(new TicketOpened(facts, null, "crm", List.of(), at, null), at);
    }

    private static Map<String, Object> current(String token, String dimension, int status) {
        var answer = given().auth().oauth2(token).queryParam("dimension", dimension).get("/api/v1/kpis/current")
                .then().statusCode(status);
        return status == 200 ? answer.extract().as(Map.class) : Map.of();
    }

    @Test
    void aDashboardOfTeamASeesTeamAsFiguresAndItsDepartments() {
        assertEquals(1.0, line(current(DASHBOARD_A, "team=" + TEAM_A, 200), "tickets.opened").get("value"));
        assertEquals(1.0, line(current(DASHBOARD_A, "department=" + DEPT_A, 200), "tickets.opened").get("value"));
        given().auth().oauth2(DASHBOARD_A).queryParam("metric", "tickets.opened").queryParam("dimension", "team=" + TEAM_A)
                .get("/api/v1/kpis").then().statusCode(200).body("points[0].value", equalTo(1.0f));
        given().auth().oauth2(DASHBOARD_A).queryParam("team", TEAM_A).get("/api/v1/kpis/scorecard").then().statusCode(200);
    }

    @Test
    void aDashboardOfTeamAIsNotGivenTeamBsFiguresOnAnyEndpoint() {
        String detail = "no KPI figures for team=" + TEAM_B + " in your scope";
        given().auth().oauth2(DASHBOARD_A).queryParam("dimension", "team=" + TEAM_B).get("/api/v1/kpis/current")
                .then().statusCode(404).contentType("application/problem+json").body("detail", equalTo(detail));
        given().auth().oauth2(DASHBOARD_A).queryParam("metric", "tickets.opened").queryParam("dimension", "team=" + TEAM_B)
                .get("/api/v1/kpis").then().statusCode(404);
        given().auth().oauth2(DASHBOARD_A).queryParam("team", TEAM_B).get("/api/v1/kpis/scorecard").then().statusCode(404);
        given().auth().oauth2(DASHBOARD_A).queryParam("dimension", "team=" + TEAM_B).get("/api/v1/kpis/root-causes")
                .then().statusCode(404);
        given().auth().oauth2(DASHBOARD_A).queryParam("dimension", "team=" + TEAM_B).get("/api/v1/kpis/stream")
                .then().statusCode(404).contentType("application/problem+json");
        // a team that does not exist answers the same: values cannot be probed
        given().auth().oauth2(DASHBOARD_A).queryParam("dimension", "team=no-such-team-" + RUN).get("/api/v1/kpis/current")
                .then().statusCode(404).body("detail", equalTo("no KPI figures for team=no-such-team-" + RUN + " in your scope"));
        // the refusal is in the audit log
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).queryParam("actor", "wallboard-a@pledge.test")
                .queryParam("action", "scope.refused").get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", org.hamcrest.Matchers.hasItem(detail));
    }

    @Test
    void companyWideFiguresAreOnlyForCallersWhoSeeEverything() {
        current(DASHBOARD_A, "all", 404);
        current(DASHBOARD_A, "channel=WEB", 404);
        given().auth().oauth2(DASHBOARD_A).get("/api/v1/kpis/scorecard").then().statusCode(404);
        current(Tokens.withRoles(Roles.DASHBOARD), "all", 200);   // a company-wide wallboard: teams "*"
        current(Tokens.withRoles(Roles.ADMIN), "channel=WEB", 200);
    }

    @Test
    void perAgentFiguresAreRefusedToADashboardAndGivenToSupervisorsWhoSeeEverything() {
        given().auth().oauth2(DASHBOARD_A).queryParam("dimension", "agent=" + AGENT_B).get("/api/v1/kpis/current")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles(Roles.DASHBOARD)).queryParam("agent", AGENT_B)
                .get("/api/v1/kpis/scorecard").then().statusCode(403);
        String supervisorOfB = Tokens.of(Roles.SUPERVISOR).teams(TEAM_B).departments("kpi-dept-b-" + RUN).sign();
        current(supervisorOfB, "agent=" + AGENT_B, 404);   // the figures do not say which team an agent worked for
        current(supervisorOfB, "team=" + TEAM_B, 200);
        assertEquals(1.0, line(current(Tokens.withRoles(Roles.SUPERVISOR), "agent=" + AGENT_B, 200), "tickets.opened")
                .get("value"));
    }

    @Test
    void anAdminsTargetChangeIsInTheAuditLogAndTheTargetsListPages() {
        String admin = "target-admin-" + RUN + "@pledge.test";
        // the value KpiFlowTest sets: the tests share one database
        given().auth().oauth2(Tokens.of(Roles.ADMIN).subject(admin).sign()).contentType("application/json")
                .body(Map.of("target", 42.0, "atRiskWithin", 1.0)).put("/api/v1/kpis/targets/survey.response-rate")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).queryParam("actor", admin).get("/api/v1/audit")
                .then().statusCode(200).body("items.action", equalTo(List.of("target.changed")))
                .body("items[0].target", equalTo("kpi survey.response-rate"));

        List<String> all = given().auth().oauth2(DASHBOARD_A).get("/api/v1/kpis/targets").then().statusCode(200)
                .body("nextCursor", equalTo(null)).extract().path("items.kpi");
        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(DASHBOARD_A).queryParam("limit", 10)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/kpis/targets")
                    .then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.kpi"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all, walked);
        given().auth().oauth2(DASHBOARD_A).queryParam("cursor", "bm8tc3VjaC1rcGk").get("/api/v1/kpis/targets")
                .then().statusCode(400);
    }
}
