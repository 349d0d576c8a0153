package io.pledge.complaint.complaint;

import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue #16: kpi-service's dashboard, on its own origin (http://localhost:8085 in tests), reads
 * the overdue complaints with a supervisor's token; no other origin's script may.
 */
@QuarkusTest
class DashboardCorsTest {

    private static final String DASHBOARD = "http://localhost:8085";
    private static final String ELSEWHERE = "https://elsewhere.example.com";
    private static final String SUPERVISOR = Tokens.withRoles(Roles.SUPERVISOR);

    @Test
    void theDashboardsPreflightIsAllowed() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,accept")
                .options("/api/v1/complaints").then().header("Access-Control-Allow-Origin", equalTo(DASHBOARD));
    }

    @Test
    void theDashboardReadsTheListWithASupervisorsToken() {
        given().auth().oauth2(SUPERVISOR).header("Origin", DASHBOARD).queryParam("overdue", true).get("/api/v1/complaints")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(DASHBOARD));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", ELSEWHERE).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,accept")
                .options("/api/v1/complaints").then().header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(SUPERVISOR).header("Origin", ELSEWHERE).queryParam("overdue", true).get("/api/v1/complaints")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
