package io.pledge.sla.policy;

import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PolicyResourceTest {

    private static final String VIP = """
            {"name": "VIP customers", "conditions": {"customerTiers": ["VIP"], "tags": ["vip"]},
             "targets": [{"metric": "FIRST_RESPONSE", "duration": "PT15M", "calendarId": "24x7", "warningThresholds": [80]},
                         {"metric": "RESOLUTION", "duration": "PT9H", "calendarId": "workdays"}],
             "pauseStatuses": ["PENDING_CUSTOMER"]}
            """;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    @Test
    void theSeededPoliciesComeInOrderWithTheCatchAllLast() {
        List<String> ids = as("agent").get("/api/v1/sla-policies").then().statusCode(200).extract().path("items.id");
        assertEquals("seed-general", ids.get(ids.size() - 1));
        as("agent").get("/api/v1/sla-policies").then()
                .body("items.id", hasItems("seed-phone", "seed-chat", "seed-urgent", "seed-complaint", "seed-email"));
        as("agent").get("/api/v1/sla-policies/seed-phone").then().statusCode(200)
                .body("definition.targets[0].duration", equalTo("PT30S"));
    }

    @Test
    void anAdminAddsChangesAndRemovesAPolicy() {
        String id = as("admin").queryParam("position", 5).body(VIP).post("/api/v1/sla-policies").then().statusCode(201)
                .body("position", equalTo(5)).extract().path("id");
        String etag = as("admin").get("/api/v1/sla-policies/" + id).then().extract().header("ETag");
        as("admin").header("If-Match", etag).body(VIP.replace("PT15M", "PT10M")).put("/api/v1/sla-policies/" + id)
                .then().statusCode(200).body("definition.targets[0].duration", equalTo("PT10M"));
        as("admin").header("If-Match", etag).body(VIP).put("/api/v1/sla-policies/" + id).then().statusCode(412);
        as("admin").delete("/api/v1/sla-policies/" + id).then().statusCode(204);
        as("admin").get("/api/v1/sla-policies/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void thePolicyListPagesWithACursorInTheOrderPoliciesAreTried() {
        List<String> all = as("agent").queryParam("limit", 500).get("/api/v1/sla-policies").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().path("items.id");
        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = as("agent").queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/sla-policies").then().statusCode(200).body("items", hasSize(
                            org.hamcrest.Matchers.lessThanOrEqualTo(2))).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all, walked);
        as("agent").queryParam("limit", 501).get("/api/v1/sla-policies").then().statusCode(400);
        as("agent").queryParam("cursor", "not-a-cursor").get("/api/v1/sla-policies").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyChangeOfAPolicyIsInTheAuditLog() {
        String id = as("admin").body(VIP).post("/api/v1/sla-policies").then().statusCode(201).extract().path("id");
        as("admin").body(VIP.replace("PT15M", "PT10M")).put("/api/v1/sla-policies/" + id).then().statusCode(200);
        as("admin").delete("/api/v1/sla-policies/" + id).then().statusCode(204);
        List<String> actions = as("admin").queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200)
                .extract().path("items.findAll { it.target == 'policy " + id + "' }.action");
        assertEquals(List.of("policy.deleted", "policy.changed", "policy.created"), actions, "newest first");
    }

    @Test
    void badPoliciesAre400ProblemsAndOnlyAdminsMayChangeThem() {
        as("admin").body(VIP.replace("\"workdays\"", "\"no-such-calendar\"")).post("/api/v1/sla-policies")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("no-such-calendar"));
        as("admin").body(VIP.replace("RESOLUTION", "FIRST_RESPONSE")).post("/api/v1/sla-policies")
                .then().statusCode(400).body("detail", containsString("twice"));
        as("admin").body(VIP.replace("\"RESOLUTION\"", "\"COFFEE\"")).post("/api/v1/sla-policies").then().statusCode(400);
        as("admin").body(VIP.replace("PT15M", "soon")).post("/api/v1/sla-policies").then().statusCode(400);
        as("admin").body(VIP.replace("[80]", "[150]")).post("/api/v1/sla-policies").then().statusCode(400);
        as("admin").body(VIP.replace("PT15M", "-PT15M")).post("/api/v1/sla-policies").then().statusCode(400);
        as("admin").body("{\"name\": \"empty\", \"targets\": []}").post("/api/v1/sla-policies").then().statusCode(400);
        as("admin").body(VIP.replace("\"warningThresholds\": [80]", "\"startOn\": \"ticket.opened\""))
                .post("/api/v1/sla-policies").then().statusCode(400).body("detail", containsString("built in"));
        String milestone = VIP.replace("\"metric\": \"RESOLUTION\"", "\"metric\": \"ONSITE_DISPATCH\"");
        as("admin").body(milestone).post("/api/v1/sla-policies").then().statusCode(400)
                .body("detail", containsString("needs startOn"));
        as("admin").body(milestone.replace("\"calendarId\": \"workdays\"",
                        "\"calendarId\": \"workdays\", \"startOn\": \"ticket.assigned\", \"stopOn\": [\"survey.sent\"]"))
                .post("/api/v1/sla-policies").then().statusCode(400).body("detail", containsString("survey.sent"));
        String created = as("admin").body(milestone.replace("\"calendarId\": \"workdays\"",
                        "\"calendarId\": \"workdays\", \"startOn\": \"ticket.assigned\", \"stopOn\": [\"ticket.resolved\"]"))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().path("id");
        as("admin").delete("/api/v1/sla-policies/" + created).then().statusCode(204);
        as("supervisor").body(VIP).post("/api/v1/sla-policies").then().statusCode(403);
    }
}
