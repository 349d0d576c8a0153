package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who records what the customer said (the CRM's integration client, a supervisor or admin; never an
 * agent nor the complaint's handler), and that severity and subject change only by classification.
 */
@QuarkusTest
class ProcedureRolesTest {

    /** The handler: the agent the ticket is assigned to, here a supervisor working the complaint himself. */
    static final String HANDLER = "sup.handler@pledge.test";

    private static String registered() {
        TicketOpened ticket = new TicketOpened(new TicketFacts(UUID.randomUUID(), newCustomer(), Channel.EMAIL,
                Category.COMPLAINT, Priority.NORMAL, TicketStatus.OPEN, "care", HANDLER, "customer-care"), "GOLD",
                Tokens.CLIENT, List.of(), now(), null);
        deliver(cloudEvent(ticket, ticket.openedAt()));
        return complaintsOf(ticket.ticket().ticketId()).extract().path("items[0].id");
    }

    private static ValidatableResponse step(String token, String id, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body == null ? Map.of() : body)
                .post("/api/v1/complaints/" + id + "/" + path).then();
    }

    private static String proposed() {
        String id = registered();
        step(Tokens.withRoles(Roles.AGENT), id, "acknowledgement", Map.of()).statusCode(200);
        step(Tokens.withRoles(Roles.AGENT), id, "investigation", null).statusCode(200);
        step(Tokens.withRoles(Roles.AGENT), id, "resolution-proposal", Map.of("proposal", "refund")).statusCode(200);
        return id;
    }

    private static void unchanged(String id, String state, int version) {
        as("supervisor").get("/api/v1/complaints/" + id).then()
                .body("state", equalTo(state)).body("version", equalTo(version));
    }

    @Test
    void anAgentMayNotRecordTheCustomersAcceptanceRejectionOrFollowUp() {
        String agent = Tokens.withRoles(Roles.AGENT);
        String id = proposed();
        int version = as("supervisor").get("/api/v1/complaints/" + id).then().extract().path("version");
        step(agent, id, "acceptance", null).statusCode(403).contentType("application/problem+json");
        step(agent, id, "rejection", Map.of("reason", "too little")).statusCode(403);
        unchanged(id, "RESOLUTION_PROPOSED", version);

        step(Tokens.withRoles(Roles.INTEGRATION), id, "acceptance", null).statusCode(200)
                .body("state", equalTo("FOLLOW_UP"));
        step(agent, id, "follow-up", Map.of("outcome", "NOT_SATISFIED")).statusCode(403)
                .contentType("application/problem+json");
        unchanged(id, "FOLLOW_UP", version + 1);
    }

    @Test
    void theComplaintsHandlerMayNotRecordWhatTheCustomerSaidEvenAsSupervisor() {
        String handler = Tokens.of(Roles.SUPERVISOR).subject(HANDLER).sign();
        String otherSupervisor = Tokens.of(Roles.SUPERVISOR).subject("another.supervisor@pledge.test").sign();
        String id = proposed();
        int version = as("supervisor").get("/api/v1/complaints/" + id).then().extract().path("version");

        step(handler, id, "acceptance", null).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("you handle this complaint"));
        step(handler, id, "rejection", null).statusCode(403);
        unchanged(id, "RESOLUTION_PROPOSED", version);

        step(otherSupervisor, id, "rejection", Map.of("reason", "too little")).statusCode(200)
                .body("state", equalTo("INVESTIGATING")).body("level", equalTo(2));
        step(handler, id, "resolution-proposal", Map.of("proposal", "refund and voucher")).statusCode(200);
        step(Tokens.withRoles(Roles.ADMIN), id, "acceptance", null).statusCode(200).body("state", equalTo("FOLLOW_UP"));
        step(handler, id, "follow-up", Map.of("outcome", "SATISFIED", "rootCause", "BILLING_ERROR",
                "correctiveAction", "fixed")).statusCode(403);
        step(Tokens.withRoles(Roles.INTEGRATION), id, "follow-up", Map.of("outcome", "SATISFIED",
                "rootCause", "BILLING_ERROR", "correctiveAction", "fixed")).statusCode(200).body("state", equalTo("CLOSED"));
    }

    @Test
    void severityAndSubjectChangeOnlyThroughTheSupervisorsClassification() {
        String agent = Tokens.withRoles(Roles.AGENT);
        String id = registered();
        step(agent, id, "acknowledgement", Map.of("severity", "MINOR")).statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("classification"));
        step(agent, id, "acknowledgement", Map.of("subject", "BILLING")).statusCode(403);
        as("supervisor").get("/api/v1/complaints/" + id).then().body("state", equalTo("REGISTERED"))
                .body("severity", equalTo("MODERATE")).body("subject", equalTo("OTHER")).body("version", equalTo(0));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("severity", "CRITICAL"))
                .put("/api/v1/complaints/" + id + "/classification").then().statusCode(403);

        step(agent, id, "acknowledgement", Map.of("department", "billing-dept")).statusCode(200)
                .body("severity", equalTo("MODERATE"));
        as("supervisor").body(Map.of("severity", "CRITICAL", "subject", "BILLING"))
                .put("/api/v1/complaints/" + id + "/classification").then().statusCode(200)
                .body("severity", equalTo("CRITICAL")).body("subject", equalTo("BILLING")).body("level", equalTo(2));
    }

    @Test
    void aSupervisorMayClassifyWhileAcknowledging() {
        String id = registered();
        as("supervisor").body(Map.of("department", "billing-dept", "subject", "BILLING", "severity", "MINOR"))
                .post("/api/v1/complaints/" + id + "/acknowledgement").then().statusCode(200)
                .body("subject", equalTo("BILLING")).body("severity", equalTo("MINOR"));
    }
}
