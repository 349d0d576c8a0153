package io.pledge.intake.ticket;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.etagOf;
import static io.pledge.intake.support.IntakeApi.openTicket;
import static io.pledge.intake.support.IntakeApi.types;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TicketWorkTest {

    private static TopicReader tickets;

    @BeforeAll
    static void readTickets() {
        tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
    }

    @AfterAll
    static void close() {
        tickets.close();
    }

    private static List<String> eventsOf(String id, int atLeast) {
        return types(tickets.awaitAtLeast(atLeast, Duration.ofSeconds(20), r -> id.equals(r.key())));
    }

    /** A message as the CRM reports it (an integration may name the agent and the time). */
    private static void message(String id, String author, String visibility, String occurredAt, int status) {
        asCrm().body("""
                        {"author": "%s", "visibility": "%s", "body": "Hello from %s", "agent": "agent-7" %s}
                        """.formatted(author, visibility, author,
                        occurredAt == null ? "" : ", \"occurredAt\": \"" + occurredAt + "\""))
                .post("/api/v1/tickets/" + id + "/messages").then().statusCode(status);
    }

    @Test
    void theFirstPublicAgentReplyIsTheFirstResponseAndInternalNotesPublishNothing() {
        String id = openTicket();
        message(id, "AGENT", "INTERNAL", null, 201);
        message(id, "AGENT", "PUBLIC", null, 201);
        message(id, "AGENT", "PUBLIC", null, 201);
        assertEquals(List.of("ticket.opened", "ticket.first-response", "ticket.agent-replied"), eventsOf(id, 3));
        asAgent().get("/api/v1/tickets/" + id).then().body("agentReplies", equalTo(2));
        asAgent().get("/api/v1/tickets/" + id + "/messages").then().body("", hasSize(3));
    }

    @Test
    void aReplyReportedLateButEarlierThanTheFirstResponseIsAnnouncedAsTheFirstResponse() {
        String openedAt = Instant.now().minus(Duration.ofHours(2)).toString();
        String id = openTicket("\"openedAt\": \"" + openedAt + "\",");
        message(id, "AGENT", "PUBLIC", null, 201);
        String earlier = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        message(id, "AGENT", "PUBLIC", earlier, 201);
        assertEquals(List.of("ticket.opened", "ticket.first-response", "ticket.first-response"), eventsOf(id, 3));
        asAgent().get("/api/v1/tickets/" + id).then().body("firstResponseAt", equalTo(earlier));
    }

    @Test
    void aCustomerMessageReopensAResolvedTicketAndEndsAWaitForTheCustomer() {
        String id = openTicket();
        asAgent().body("{\"status\": \"PENDING_CUSTOMER\", \"reason\": \"asked for the invoice number\"}")
                .post("/api/v1/tickets/" + id + "/status").then().statusCode(200).body("status", equalTo("PENDING_CUSTOMER"));
        message(id, "CUSTOMER", "PUBLIC", null, 201);
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("OPEN"));
        asAgent().body("{\"resolutionCode\": \"FIXED\", \"summary\": \"credited\"}")
                .post("/api/v1/tickets/" + id + "/resolution").then().statusCode(200).body("status", equalTo("RESOLVED"));
        message(id, "CUSTOMER", "PUBLIC", null, 201);
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("OPEN")).body("reopenCount", equalTo(1));
        assertEquals(List.of("ticket.opened", "ticket.status-changed", "ticket.status-changed", "ticket.customer-replied",
                "ticket.resolved", "ticket.reopened", "ticket.customer-replied"), eventsOf(id, 7));
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("type", equalTo(List.of("ticket.opened", "ticket.status-changed", "ticket.status-changed",
                        "ticket.customer-replied", "ticket.resolved", "ticket.reopened", "ticket.customer-replied")))
                .body("[5].data.reopenCount", equalTo(1));
    }

    @Test
    void assignmentToAnotherDepartmentIsATransfer() {
        String id = openTicket("\"department\": \"sales\",");
        asAgent().body("{\"team\": \"billing\", \"agent\": \"agent-9\", \"department\": \"finance\"}")
                .put("/api/v1/tickets/" + id + "/assignment").then().statusCode(200)
                .body("department", equalTo("finance")).body("agent", equalTo("agent-9"));
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then()
                .body("[1].type", equalTo("ticket.assigned"))
                .body("[1].data.transfer", equalTo(true))
                .body("[1].data.previousDepartment", equalTo("sales"));
        asAgent().body("{}").put("/api/v1/tickets/" + id + "/assignment").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(List.of("ticket.opened", "ticket.assigned"), eventsOf(id, 2));
    }

    @Test
    void badActionBodiesAre400Problems() {
        String id = openTicket();
        asAgent().body("{}").post("/api/v1/tickets/" + id + "/status").then().statusCode(400)
                .body("errors.field", equalTo(List.of("status")));
        asAgent().body("{\"status\": \"ASLEEP\"}").post("/api/v1/tickets/" + id + "/status").then().statusCode(400);
        asAgent().body("{\"resolutionCode\": \"fixed it!\"}").post("/api/v1/tickets/" + id + "/resolution")
                .then().statusCode(400).body("errors.field", equalTo(List.of("resolutionCode")));
        asAgent().body("{\"reason\": \"%s\"}".formatted("x".repeat(501))).post("/api/v1/tickets/" + id + "/reopening")
                .then().statusCode(400);
        asAgent().header("If-Match", etagOf(id)).body("{}").put("/api/v1/tickets/" + id + "/classification")
                .then().statusCode(400);
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("OPEN")).body("version", equalTo(0));
    }

    @Test
    void reclassifyingNeedsTheCurrentETag() {
        String id = openTicket();
        String body = "{\"priority\": \"URGENT\", \"category\": \"COMPLAINT\"}";
        asAgent().body(body).put("/api/v1/tickets/" + id + "/classification").then().statusCode(428)
                .contentType("application/problem+json");
        asAgent().header("If-Match", "\"999\"").body(body).put("/api/v1/tickets/" + id + "/classification")
                .then().statusCode(412).contentType("application/problem+json");
        String etag = etagOf(id);
        String newEtag = asAgent().header("If-Match", etag).body(body).put("/api/v1/tickets/" + id + "/classification")
                .then().statusCode(200).body("priority", equalTo("URGENT")).body("category", equalTo("COMPLAINT"))
                .extract().header("ETag");
        asAgent().header("If-Match", etag).body("{\"priority\": \"LOW\"}").put("/api/v1/tickets/" + id + "/classification")
                .then().statusCode(412);
        asAgent().header("If-Match", "nonsense").body(body).put("/api/v1/tickets/" + id + "/classification")
                .then().statusCode(400);
        assertEquals(List.of("ticket.opened", "ticket.reclassified"), eventsOf(id, 2));
        asAgent().get("/api/v1/tickets/" + id).then().header("ETag", newEtag);
    }

    @Test
    void illegalStepsAre409sNamingTheAllowedOnesAndAClosedTicketIsFinal() {
        String id = openTicket();
        asAgent().post("/api/v1/tickets/" + id + "/closure").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("cannot close: the ticket is OPEN; allowed: change status, resolve, add a message, "
                        + "assign, reclassify, request an on-site visit, dispatch an on-site visit, complete an on-site visit"));
        asAgent().body("{\"status\": \"RESOLVED\"}").post("/api/v1/tickets/" + id + "/status").then().statusCode(409);
        asAgent().body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + id + "/resolution").then().statusCode(200);
        asAgent().body("{\"reason\": \"not fixed\"}").post("/api/v1/tickets/" + id + "/reopening").then().statusCode(200)
                .body("status", equalTo("OPEN"));
        asAgent().body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + id + "/resolution").then().statusCode(200);
        asAgent().post("/api/v1/tickets/" + id + "/closure").then().statusCode(200).body("status", equalTo("CLOSED"));
        message(id, "CUSTOMER", "PUBLIC", null, 409);
        asAgent().body("{\"reason\": \"again\"}").post("/api/v1/tickets/" + id + "/reopening").then().statusCode(409)
                .body("detail", containsString("final"));
        assertEquals(List.of("ticket.opened", "ticket.resolved", "ticket.reopened", "ticket.resolved", "ticket.closed"),
                eventsOf(id, 5));
    }

    @Test
    void badMessagesAreRefusedAndWriteNothing() {
        String id = openTicket();
        asAgent().body("{\"author\": \"AGENT\"}").post("/api/v1/tickets/" + id + "/messages").then().statusCode(400)
                .body("errors.field", equalTo(List.of("body")));
        message(id, "CUSTOMER", "INTERNAL", null, 400);
        message(id, "AGENT", "PUBLIC", Instant.now().plus(Duration.ofDays(1)).toString(), 422);
        message(id, "AGENT", "PUBLIC", "2001-01-01T00:00:00Z", 422); // before the backdating window
        message(id, "AGENT", "PUBLIC", Instant.now().minus(Duration.ofDays(1)).toString(), 400); // before the opening
        asAgent().body("{\"author\": \"ROBOT\", \"body\": \"x\"}").post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(400);
        asAgent().get("/api/v1/tickets/" + id + "/messages").then().body("", hasSize(0));
        asAgent().body("{\"author\": \"AGENT\", \"body\": \"x\"}")
                .post("/api/v1/tickets/00000000-0000-0000-0000-000000000000/messages").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
