package io.pledge.survey.template;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.survey.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.pledge.survey.SurveyFixtures.as;
import static io.pledge.survey.SurveyFixtures.deliver;
import static io.pledge.survey.SurveyFixtures.facts;
import static io.pledge.survey.SurveyFixtures.newCustomer;
import static io.pledge.survey.SurveyFixtures.openedAndResolved;
import static io.pledge.survey.SurveyFixtures.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class TemplateTest {

    @Inject
    MovableClock clock;

    private static Map<String, Object> template(String trigger, List<String> channels, Map<String, Object> questions) {
        return Map.of("name", "test template", "conditions", Map.of("trigger", trigger, "channels", channels),
                "questions", questions);
    }

    @Test
    void theSeedsAreThereInOrder() {
        as("agent").queryParam("limit", 200).get("/api/v1/survey-templates").then().statusCode(200)
                .body("items.id", hasItems("seed-complaint-closure", "seed-phone", "seed-default"))
                .body("items.find { it.id == 'seed-default' }.definition.questions.dimensions.weight",
                        hasItems(0.25f, 0.2f, 0.15f));
    }

    @Test
    void anAdminsTemplateAppliesToTheTicketsItMatches() {
        String id = as("admin").queryParam("position", 1)
                .body(template("TICKET_RESOLVED", List.of("SOCIAL"), Map.of("csat", true, "comment", true)))
                .post("/api/v1/survey-templates").then().statusCode(201).extract().path("id");
        try {
            TicketFacts ticket = facts(newCustomer(), Channel.SOCIAL, Category.INQUIRY, TicketStatus.OPEN);
            deliver(openedAndResolved(ticket, clock.now(), "FIXED"));
            status(ticket).body("templateId", equalTo(id));

            as("admin").header("If-Match", "\"0\"")
                    .body(template("TICKET_RESOLVED", List.of("SOCIAL"), Map.of("nps", true)))
                    .put("/api/v1/survey-templates/" + id).then().statusCode(200).body("version", equalTo(1));
            as("admin").header("If-Match", "\"0\"")
                    .body(template("TICKET_RESOLVED", List.of("SOCIAL"), Map.of("nps", true)))
                    .put("/api/v1/survey-templates/" + id).then().statusCode(412);
        } finally {
            as("admin").delete("/api/v1/survey-templates/" + id).then().statusCode(204);
        }
        as("admin").get("/api/v1/survey-templates/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badTemplatesAreRefused() {
        as("admin").body(template("TICKET_RESOLVED", List.of(), Map.of("dimensions", List.of(
                        Map.of("name", "SPEED", "weight", 0.5), Map.of("name", "ATTITUDE", "weight", 0.3)))))
                .post("/api/v1/survey-templates").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("sum to 1"));
        as("admin").body(template("TICKET_RESOLVED", List.of(), Map.of("comment", true)))
                .post("/api/v1/survey-templates").then().statusCode(400)
                .body("detail", containsString("at least one"));
        as("admin").body(template("TICKET_RESOLVED", List.of(), Map.of("dimensions", List.of(
                        Map.of("name", "speed", "weight", 1)))))
                .post("/api/v1/survey-templates").then().statusCode(400);
        as("admin").body(template("WHENEVER", List.of(), Map.of("csat", true)))
                .post("/api/v1/survey-templates").then().statusCode(400);
        as("admin").body(Map.of("name", "no conditions")).post("/api/v1/survey-templates").then().statusCode(400);
        as("supervisor").body(template("TICKET_RESOLVED", List.of(), Map.of("csat", true)))
                .post("/api/v1/survey-templates").then().statusCode(403);
    }

    @Test
    void theTemplatesPageWithACursorInTheOrderTheyAreTried() {
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = as("agent").queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/survey-templates").then().statusCode(200)
                    .body("items", org.hamcrest.Matchers.hasSize(1)).extract();
            seen.add(page.path("items[0].id"));
            cursor = page.path("nextCursor");
        } while (cursor != null && seen.size() < 500);
        org.junit.jupiter.api.Assertions.assertEquals(as("agent").queryParam("limit", 200)
                .get("/api/v1/survey-templates").then().extract().path("items.id"), seen);
        org.junit.jupiter.api.Assertions.assertTrue(seen.indexOf("seed-phone") < seen.indexOf("seed-default"));

        as("agent").queryParam("limit", 201).get("/api/v1/survey-templates").then().statusCode(400)
                .contentType("application/problem+json");
        as("agent").queryParam("limit", 0).get("/api/v1/survey-templates").then().statusCode(400);
        as("agent").queryParam("cursor", "garbage").get("/api/v1/survey-templates").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyTemplateChangeIsInTheAuditLog() {
        String id = as("admin").body(template("TICKET_RESOLVED", List.of("SOCIAL"), Map.of("csat", true)))
                .post("/api/v1/survey-templates").then().statusCode(201).extract().path("id");
        as("admin").body(template("TICKET_RESOLVED", List.of("SOCIAL"), Map.of("nps", true)))
                .put("/api/v1/survey-templates/" + id).then().statusCode(200);
        as("admin").delete("/api/v1/survey-templates/" + id).then().statusCode(204);
        for (String action : List.of("template.created", "template.changed", "template.deleted")) {
            as("admin").queryParam("action", action).queryParam("limit", 500).get("/api/v1/audit").then()
                    .statusCode(200)
                    .body("items.find { it.target == 'template " + id + "' }.actor", equalTo("test-admin@pledge.test"));
        }
    }
}
