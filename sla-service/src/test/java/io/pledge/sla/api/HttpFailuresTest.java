package io.pledge.sla.api;

import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every refusal, from the HTTP layer up, is a problem+json 4xx with a detail (blueprint §6); the
 * inputs the fuzzer found answering 500 are 400s. Run against sla-service; every service shares
 * the platform code under test.
 */
@QuarkusTest
class HttpFailuresTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aRequestWithoutATokenIsAProblem401() {
        given().get("/api/v1/calendars")
                .then().statusCode(401).contentType(startsWith(PROBLEM))
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401), "detail", containsString("bearer token is required"));
    }

    @Test
    void aForgedTokenIsAProblem401() {
        given().auth().oauth2(Tokens.signedByStranger(Roles.ADMIN)).get("/api/v1/calendars")
                .then().statusCode(401).contentType(startsWith(PROBLEM)).body("detail", containsString("refused"));
    }

    @Test
    void anUnexpiredTokenIssuedLongerAgoThanTheMaximumAgeIsAProblem401() {
        String old = Tokens.of(Roles.ADMIN).issuedAt(Instant.now().minus(Duration.ofHours(2))).validFor(Duration.ofHours(12)).sign();
        given().auth().oauth2(old).get("/api/v1/calendars")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
        given().auth().oauth2(Tokens.of(Roles.ADMIN).validFor(Duration.ofHours(12)).sign()).get("/api/v1/calendars")
                .then().statusCode(200);
    }

    @Test
    void aRoleTheEndpointDoesNotAdmitIsAProblem403AndAnAuditEntry() {
        String subject = "refused-" + System.nanoTime() + "@pledge.test";
        given().auth().oauth2(Tokens.of(Roles.DASHBOARD).subject(subject).sign()).get("/api/v1/calendars")
                .then().statusCode(403).contentType(startsWith(PROBLEM)).body("detail", notNullValue());
        // a role check refuses on the I/O thread; its entry is written just after the answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).queryParam("actor", subject)
                        .get("/api/v1/audit")
                        .then().statusCode(200)
                        .body("items.action", hasItem("authorization.refused"))
                        .body("items[0].target", equalTo("GET /api/v1/calendars"))
                        .body("items[0].address", notNullValue()));
    }

    @Test
    void anUnknownRouteIsAProblem404() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).get("/no/such/route")
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("detail", containsString("/no/such/route"));
    }

    @Test
    void aWrongMethodIsAProblem405() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).patch("/api/v1/calendars")
                .then().statusCode(405).contentType(startsWith(PROBLEM));
    }

    @Test
    void anUnacceptableMediaTypeIsAProblem406() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).accept("application/xml").get("/api/v1/calendars")
                .then().statusCode(406).contentType(startsWith(PROBLEM));
    }

    @Test
    void anUnsupportedBodyTypeIsAProblem415() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType("text/plain").body("x")
                .post("/api/v1/calendars")
                .then().statusCode(415).contentType(startsWith(PROBLEM));
    }

    @Test
    void aBodyOverTheLimitIsAProblem413() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}")
                .post("/api/v1/calendars")
                .then().statusCode(413).contentType(startsWith(PROBLEM));
    }

    @Test
    void aTargetTooLongIsAProblem414() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).get("/api/v1/calendars?x=" + "y".repeat(9000))
                .then().statusCode(414).contentType(startsWith(PROBLEM));
    }

    @Test
    void aNulCharacterInABodyIsA400NamingTheField() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"Shang\\u0000hai\",\"timeZone\":\"Asia/Shanghai\"}")
                .post("/api/v1/calendars")
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("detail", containsString("name"), "detail", containsString("NUL"));
    }

    @Test
    void aNulCharacterInAQueryParameterIsA400NamingIt() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).urlEncodingEnabled(false)
                .get("/api/v1/sla/at-risk?team=a%00b")
                .then().statusCode(400).contentType(startsWith(PROBLEM)).body("detail", containsString("team"));
    }

    @Test
    void aDuplicatedKeyIsA400() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"name\":\"b\",\"timeZone\":\"Asia/Shanghai\"}")
                .post("/api/v1/calendars")
                .then().statusCode(400).contentType(startsWith(PROBLEM)).body("detail", containsString("name"));
    }

    @Test
    void aKeyAfterACompleteBodyIsA400() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"timeZone\":\"Asia/Shanghai\"}\"name\":\"b\"}")
                .post("/api/v1/calendars")
                .then().statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void anInstantPostgresqlCannotStoreIsA400() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN))
                .queryParam("start", "-999999999-01-01T00:00:00Z").queryParam("duration", "PT1H")
                .get("/api/v1/calendars/default/due")
                .then().statusCode(400).contentType(startsWith(PROBLEM)).body("detail", containsString("start"));
    }

    @Test
    void aMalformedNumberInAQueryIsA400NotA404() {
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).queryParam("limit", "ten")
                .get("/api/v1/sla/at-risk")
                .then().statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void theAuditLogIsForAdminsOnly() {
        given().auth().oauth2(Tokens.withRoles(Roles.SUPERVISOR)).get("/api/v1/audit")
                .then().statusCode(403).contentType(startsWith(PROBLEM));
    }
}
