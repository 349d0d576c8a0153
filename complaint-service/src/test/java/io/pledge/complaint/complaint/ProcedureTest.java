package io.pledge.complaint.complaint;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.PATIENCE;
import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.complaintTicket;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The complaint procedure step by step through the REST API, and the events it publishes. */
@QuarkusTest
class ProcedureTest {

    private static String registered(TicketOpened ticket) {
        deliver(cloudEvent(ticket, ticket.openedAt()));
        return complaintsOf(ticket.ticket().ticketId()).extract().path("items[0].id");
    }

    private static ValidatableResponse step(String role, String id, String path, Object body) {
        var request = as(role);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/v1/complaints/" + id + "/" + path).then();
    }

    private static List<String> typesOf(TopicReader published, String key) {
        return published.records(r -> key.equals(r.key())).stream()
                .map(r -> KafkaTestSupport.header(r, "ce_type")).toList();
    }

    @Test
    void aComplaintWalksThroughRejectionUnsatisfiedFollowUpAndClosure() {
        TicketOpened ticket = complaintTicket();
        String key = ticket.ticket().ticketId().toString();
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            String id = registered(ticket);

            step("agent", id, "acknowledgement", Map.of("department", "billing-dept"))
                    .statusCode(200).body("state", equalTo("ACKNOWLEDGED")).body("department", equalTo("billing-dept"))
                    .body("acknowledgedAt", notNullValue());
            step("agent", id, "investigation", null).statusCode(200).body("state", equalTo("INVESTIGATING"));
            step("agent", id, "resolution-proposal", Map.of("proposal", "refund the double charge"))
                    .statusCode(200).body("state", equalTo("RESOLUTION_PROPOSED"))
                    .body("proposal", equalTo("refund the double charge"));
            step("integration", id, "rejection", Map.of("reason", "wants compensation too"))
                    .statusCode(200).body("state", equalTo("INVESTIGATING")).body("level", equalTo(2))
                    .body("levelName", equalTo("supervisor")).body("contactBy", notNullValue())
                    .body("contactedAt", nullValue());
            step("supervisor", id, "contact", null).statusCode(200).body("contactedAt", notNullValue());
            step("supervisor", id, "contact", null).statusCode(409)
                    .body("detail", containsString("already contacted at level 2"));
            step("supervisor", id, "resolution-proposal", Map.of("proposal", "refund and a voucher")).statusCode(200);
            step("integration", id, "acceptance", null).statusCode(200).body("state", equalTo("FOLLOW_UP"))
                    .body("followUpDue", notNullValue()).body("resolvedAt", notNullValue());
            step("supervisor", id, "follow-up", Map.of("outcome", "NOT_SATISFIED", "notes", "voucher never arrived"))
                    .statusCode(200).body("state", equalTo("INVESTIGATING")).body("level", equalTo(3))
                    .body("followUpOutcome", equalTo("NOT_SATISFIED"));
            step("supervisor", id, "resolution-proposal", Map.of("proposal", "voucher resent by courier")).statusCode(200);
            step("supervisor", id, "acceptance", null).statusCode(200);

            // Closing needs the root cause: refused, and nothing changed.
            int version = as("agent").get("/api/v1/complaints/" + id).then().extract().path("version");
            step("integration", id, "follow-up", Map.of("outcome", "SATISFIED"))
                    .statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("rootCause and correctiveAction"));
            as("agent").get("/api/v1/complaints/" + id).then()
                    .body("state", equalTo("FOLLOW_UP")).body("version", equalTo(version));

            as("agent").body(Map.of("rootCause", "BILLING_ERROR", "correctiveAction", "fixed the tariff table"))
                    .put("/api/v1/complaints/" + id + "/root-cause").then().statusCode(200)
                    .body("rootCause", equalTo("BILLING_ERROR"));
            step("integration", id, "follow-up", Map.of("outcome", "SATISFIED", "notes", "happy now"))
                    .statusCode(200).body("state", equalTo("CLOSED")).body("closedAt", notNullValue())
                    .body("allowedActions", hasSize(0)).body("overdue", equalTo(false));

            List<String> expected = List.of("complaint.registered", "complaint.acknowledged",
                    "complaint.investigation-started", "complaint.resolution-proposed", "complaint.resolution-rejected",
                    "complaint.escalated", "complaint.contacted", "complaint.resolution-proposed", "complaint.resolved",
                    "complaint.follow-up-completed", "complaint.escalated", "complaint.resolution-proposed",
                    "complaint.resolved", "complaint.follow-up-completed", "complaint.closed");
            await().atMost(PATIENCE).untilAsserted(() -> assertEquals(expected, typesOf(published, key)));
            InboundEventReader reader = new InboundEventReader();
            List<InboundEvent> events = published.records(r -> key.equals(r.key())).stream().map(reader::read).toList();
            // the customer's words stay in the history, out of the kept-forever event
            assertEquals("complaint.resolution-rejected", events.get(4).type().type());
            assertTrue(events.get(4).data().path("reason").isNull() || events.get(4).data().path("reason").isMissingNode());
            assertEquals("CUSTOMER_REJECTED", events.get(5).data().path("reason").asText());
            assertEquals(2, events.get(5).data().path("level").asInt());
            assertEquals("FOLLOW_UP_UNSATISFIED", events.get(10).data().path("reason").asText());
            assertEquals("BILLING_ERROR", events.get(14).data().path("rootCause").asText());
            assertEquals("billing-dept", events.get(14).data().path("department").asText());

            as("agent").get("/api/v1/complaints/" + id + "/history").then().statusCode(200)
                    .body("", hasSize(expected.size()))
                    .body("[1].actor", equalTo("test-agent@pledge.test"))
                    .body("[1].fromState", equalTo("REGISTERED"))
                    .body("[1].toState", equalTo("ACKNOWLEDGED"))
                    .body("[4].detail", equalTo("wants compensation too"))
                    .body("[5].detail", containsString("supervisor notified"));
        }
    }

    @Test
    void stepsOutOfTurnAreConflictsNamingTheAllowedOnes() {
        String id = registered(complaintTicket());
        step("supervisor", id, "acceptance", null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("the complaint is REGISTERED; allowed: acknowledge"));
        step("supervisor", id, "follow-up", Map.of("outcome", "SATISFIED")).statusCode(409);
        step("agent", id, "investigation", null).statusCode(409);
        as("agent").get("/api/v1/complaints/" + id).then().body("state", equalTo("REGISTERED")).body("version", equalTo(0));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String id = registered(complaintTicket());
        step("agent", id, "acknowledgement", Map.of("department", "")).statusCode(400).contentType("application/problem+json");
        step("agent", id, "acknowledgement", Map.of("severity", "APOCALYPTIC")).statusCode(400);
        step("agent", id, "acknowledgement", "{").statusCode(400);
        as("agent").header("If-Match", "\"7\"").post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(412).contentType("application/problem+json");
        as("agent").header("If-Match", "seven").post("/api/v1/complaints/" + id + "/acknowledgement")
                .then().statusCode(400);
        as("supervisor").body(Map.of()).put("/api/v1/complaints/" + id + "/classification")
                .then().statusCode(400).body("detail", containsString("at least one"));
        step("supervisor", id, "escalation", Map.of("reason", " ")).statusCode(400);
        as("agent").get("/api/v1/complaints/" + id).then().body("state", equalTo("REGISTERED")).body("version", equalTo(0));

        step("agent", id, "acknowledgement", null).statusCode(200);
        step("agent", id, "investigation", null).statusCode(200);
        step("agent", id, "resolution-proposal", Map.of("proposal", "")).statusCode(400);
        step("agent", id, "resolution-proposal", null).statusCode(400);
        as("agent").body(Map.of("rootCause", "GREMLINS", "correctiveAction", "x"))
                .put("/api/v1/complaints/" + id + "/root-cause").then().statusCode(400);
        step("agent", id + "0", "investigation", null).statusCode(400); // not an id at all: malformed
        step("agent", UUID.randomUUID().toString(), "investigation", null).statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void rolesDecideWhoMayTakeWhichStep() {
        String id = registered(complaintTicket());
        step("integration", id, "acknowledgement", null).statusCode(403);
        step("agent", id, "contact", null).statusCode(403);
        step("agent", id, "escalation", Map.of("reason", "customer is a journalist")).statusCode(403);
        as("agent").body(Map.of("severity", "CRITICAL")).put("/api/v1/complaints/" + id + "/classification")
                .then().statusCode(403);
    }

    @Test
    void theTopLevelCannotBeExceeded() {
        TicketOpened ticket = complaintTicket();
        String key = ticket.ticket().ticketId().toString();
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            String id = registered(ticket);
            step("supervisor", id, "escalation", Map.of("reason", "press coverage")).statusCode(200).body("level", equalTo(2));
            step("supervisor", id, "escalation", Map.of("reason", "regulator asked")).statusCode(200).body("level", equalTo(3));
            step("admin", id, "escalation", Map.of("reason", "mediation requested")).statusCode(200)
                    .body("level", equalTo(4)).body("levelName", equalTo("third-party mediation"));
            step("admin", id, "escalation", Map.of("reason", "more")).statusCode(409)
                    .body("detail", containsString("top level"));

            step("agent", id, "acknowledgement", Map.of("department", "legal")).statusCode(200);
            step("agent", id, "investigation", null).statusCode(200);
            step("agent", id, "resolution-proposal", Map.of("proposal", "settlement")).statusCode(200);
            step("integration", id, "rejection", null).statusCode(200).body("state", equalTo("INVESTIGATING")).body("level", equalTo(4));

            await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of("complaint.registered",
                    "complaint.escalated", "complaint.escalated", "complaint.escalated", "complaint.acknowledged",
                    "complaint.investigation-started", "complaint.resolution-proposed", "complaint.resolution-rejected"),
                    typesOf(published, key)));
        }
    }
}
