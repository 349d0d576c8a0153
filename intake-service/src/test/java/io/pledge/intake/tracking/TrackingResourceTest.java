package io.pledge.intake.tracking;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ticketJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TrackingResourceTest {

    @Test
    void theCustomersLinkShowsStatusLastPublicUpdateAndNextStepWithoutLogin() {
        var created = asCrm().body(ticketJson("FAULT", "")).post("/api/v1/tickets").then().statusCode(201).extract();
        String id = created.path("id");
        String token = created.path("trackingToken");
        assertTrue(token.length() >= 43, "256 random bits");

        given().get("/api/v1/track/" + token).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("lastPublicUpdate", nullValue())
                .body("nextStep", equalTo("Our team is working on your request and will reply to you."));

        asAgent().body("{\"author\": \"AGENT\", \"visibility\": \"INTERNAL\", \"body\": \"customer is difficult\"}")
                .post("/api/v1/tickets/" + id + "/messages").then().statusCode(201);
        asAgent().body("{\"author\": \"AGENT\", \"body\": \"A technician comes tomorrow.\"}")
                .post("/api/v1/tickets/" + id + "/messages").then().statusCode(201);
        Map<String, Object> view = given().get("/api/v1/track/" + token).then().statusCode(200)
                .body("lastPublicUpdate.message", equalTo("A technician comes tomorrow."))
                .extract().as(Map.class);
        assertEquals(java.util.Set.of("status", "lastPublicUpdate", "nextStep", "promisedBy", "promisedMetric"), view.keySet());
    }

    @Test
    void anUnknownTokenIsA404Problem() {
        given().get("/api/v1/track/" + "A".repeat(43)).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/track/" + "A".repeat(300)).then().statusCode(404);
    }
}
