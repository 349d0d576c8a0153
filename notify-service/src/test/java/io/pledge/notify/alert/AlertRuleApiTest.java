package io.pledge.notify.alert;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pledge.notify.alert.AlertFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The alert rules' API: the seeds are there; admins change them, validated, optimistic, audited. */
@QuarkusTest
class AlertRuleApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> rule(String type, Map<String, Object> conditions, List<String> roles) {
        Map<String, Object> body = new HashMap<>(Map.of("eventType", type, "roles", roles, "channels", List.of("EMAIL")));
        if (conditions != null) {
            body.put("conditions", conditions);
        }
        return body;
    }

    @Test
    void theSeedsAreThere() {
        as("admin").queryParam("limit", 500).get("/api/v1/alert-rules").then().statusCode(200)
                .body("items.id", hasItems("seed-sla-warning-75", "seed-sla-warning-90", "seed-sla-breached",
                        "seed-complaint-escalated", "seed-survey-unsatisfied", "seed-webhook-endpoint-disabled"));
        as("admin").get("/api/v1/alert-rules/seed-sla-warning-90").then().statusCode(200)
                .body("definition.conditions.thresholdPercent", equalTo(90))
                .body("definition.roles", equalTo(List.of("ASSIGNEE", "TEAM_LEAD")))
                .body("definition.enabled", equalTo(true));
        as("admin").get("/api/v1/alert-rules/seed-sla-breached").then().statusCode(200)
                .body("definition.roles", equalTo(List.of("ASSIGNEE", "TEAM_LEAD", "DEPARTMENT_SUPERVISOR")));
    }

    @Test
    void aRuleIsAddedChangedWithIfMatchAndDeleted() {
        String id = as("admin").body(rule("sla.breached", Map.of("metrics", List.of("RESOLUTION"),
                        "priorities", List.of("URGENT")), List.of("DEPARTMENT_SUPERVISOR")))
                .post("/api/v1/alert-rules").then().statusCode(201).header("ETag", "\"0\"")
                .body("definition.conditions.priorities", equalTo(List.of("URGENT")))
                .extract().path("id");
        try {
            Map<String, Object> disabled = rule("sla.breached", null, List.of("TEAM_LEAD"));
            disabled.put("enabled", false);
            as("admin").header("If-Match", "\"0\"").body(disabled).put("/api/v1/alert-rules/" + id).then()
                    .statusCode(200).header("ETag", "\"1\"").body("definition.enabled", equalTo(false));
            as("admin").header("If-Match", "\"0\"").body(disabled).put("/api/v1/alert-rules/" + id).then()
                    .statusCode(412).contentType(PROBLEM);
        } finally {
            as("admin").delete("/api/v1/alert-rules/" + id).then().statusCode(204);
        }
        as("admin").get("/api/v1/alert-rules/" + id).then().statusCode(404).contentType(PROBLEM);
        as("admin").delete("/api/v1/alert-rules/" + id).then().statusCode(404).contentType(PROBLEM);
        for (String action : List.of("alert-rule.created", "alert-rule.changed", "alert-rule.deleted")) {
            as("admin").queryParam("action", action).queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200)
                    .body("items.find { it.target == 'alert rule " + id + "' }.actor", equalTo("test-admin@pledge.test"));
        }
    }

    @Test
    void badRulesAreRefused() {
        as("admin").body(rule("ticket.opened", null, List.of("ASSIGNEE"))).post("/api/v1/alert-rules").then()
                .statusCode(422).contentType(PROBLEM).body("detail", containsString("alerts are written for"));
        as("admin").body(rule("sla.warning", null, List.of("LEVEL_OWNER"))).post("/api/v1/alert-rules").then()
                .statusCode(422).body("detail", containsString("LEVEL_OWNER has no meaning for sla.warning"));
        as("admin").body(rule("sla.breached", Map.of("thresholdPercent", 75), List.of("ASSIGNEE")))
                .post("/api/v1/alert-rules").then().statusCode(422)
                .body("detail", containsString("thresholdPercent: applies only to sla.warning"));
        as("admin").body(rule("webhook.endpoint-disabled", Map.of("priorities", List.of("HIGH")),
                List.of("SUBSCRIPTION_OWNER"))).post("/api/v1/alert-rules").then().statusCode(422);
        as("admin").body(rule("sla.breached", null, List.of())).post("/api/v1/alert-rules").then().statusCode(400)
                .contentType(PROBLEM);
        as("admin").body(rule("sla.breached", null, List.of("EVERYONE"))).post("/api/v1/alert-rules").then()
                .statusCode(400).contentType(PROBLEM);
        as("admin").body(rule("sla.breached", Map.of("priorities", List.of("SOMEDAY")), List.of("ASSIGNEE")))
                .post("/api/v1/alert-rules").then().statusCode(400).contentType(PROBLEM);
        as("admin").body(rule("complaint.escalated", Map.of("levels", List.of(7)), List.of("LEVEL_OWNER")))
                .post("/api/v1/alert-rules").then().statusCode(400).contentType(PROBLEM);
        as("admin").body(rule("sla.breached", null, List.of("ASSIGNEE"))).put("/api/v1/alert-rules/no-such-rule").then()
                .statusCode(404).contentType(PROBLEM);
        as("supervisor").body(rule("sla.breached", null, List.of("ASSIGNEE"))).post("/api/v1/alert-rules").then()
                .statusCode(403).contentType(PROBLEM);
    }

    @Test
    void theAlertLogIsForAdminsAndSupervisorsAndRefusesBadQueries() {
        as("admin").queryParam("limit", 0).get("/api/v1/alerts").then().statusCode(400).contentType(PROBLEM);
        as("admin").queryParam("cursor", "garbage").get("/api/v1/alerts").then().statusCode(400).contentType(PROBLEM);
        as("agent").get("/api/v1/alerts").then().statusCode(403).contentType(PROBLEM);
        as("supervisor").get("/api/v1/alerts").then().statusCode(200);
    }
}
