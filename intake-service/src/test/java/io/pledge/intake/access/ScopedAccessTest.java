package io.pledge.intake.access;

import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.intake.support.IntakeApi.as;
import static io.pledge.intake.support.IntakeApi.asIntegration;
import static io.pledge.intake.support.IntakeApi.audit;
import static io.pledge.intake.support.IntakeApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blueprint §6: who reaches which ticket, and the source system taken from the token, never the body. */
@QuarkusTest
class ScopedAccessTest {

    private static String ticket(String reference, String extra) {
        return """
                {%s "channel": "EMAIL", "category": "INQUIRY", "subject": "Scope %s",
                 "customer": {"externalId": "SCOPE-%s"}, "externalReference": "%s"}
                """.formatted(extra, reference, reference, reference);
    }

    /** A ticket as staff open it: without externalReference (a CRM's key). */
    private static String staffTicket(String marker, String extra) {
        return """
                {%s "channel": "EMAIL", "category": "INQUIRY", "subject": "Scope %s",
                 "customer": {"externalId": "SCOPE-%s"}}
                """.formatted(extra, marker, marker);
    }

    @Test
    void aForeignCrmWithTheSameReferenceGetsItsOwnTicketAndNeverSeesTheOther() {
        String crmA = "crm-a-" + unique();
        String crmB = "crm-b-" + unique();
        String reference = "X-" + unique();
        String ofA = asIntegration(crmA).body(ticket(reference, "")).post("/api/v1/tickets").then().statusCode(201)
                .body("sourceSystem", equalTo(crmA)).extract().path("id");
        String ofB = asIntegration(crmB).body(ticket(reference, "")).post("/api/v1/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", "false")
                .body("sourceSystem", equalTo(crmB)).extract().path("id");
        assertNotEquals(ofA, ofB);
        // A's retry still finds A's own ticket
        asIntegration(crmA).body(ticket(reference, "")).post("/api/v1/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(ofA));

        Instant before = Instant.now().minusSeconds(1);
        String missing = UUID.randomUUID().toString();
        String unknownDetail = asIntegration(crmB).get("/api/v1/tickets/" + missing).then().statusCode(404)
                .extract().path("detail");
        asIntegration(crmB).get("/api/v1/tickets/" + ofA).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo(unknownDetail.replace(missing, ofA)))
                .body("detail", equalTo("no ticket " + ofA));
        for (String path : List.of("/timeline", "/messages", "/on-site-visits")) {
            asIntegration(crmB).get("/api/v1/tickets/" + ofA + path).then().statusCode(404)
                    .body("detail", equalTo("no ticket " + ofA));
        }
        asIntegration(crmB).body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + ofA + "/resolution")
                .then().statusCode(404).body("detail", equalTo("no ticket " + ofA));
        asIntegration(crmB).body("{\"author\": \"CUSTOMER\", \"body\": \"hi\"}").post("/api/v1/tickets/" + ofA + "/messages")
                .then().statusCode(404);
        asIntegration(crmA).get("/api/v1/tickets/" + ofA).then().statusCode(200).body("status", equalTo("OPEN"));

        List<String> listedForB = asIntegration(crmB).queryParam("customer", "SCOPE-" + reference)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertEquals(List.of(ofB), listedForB);
        List<String> listedForA = asIntegration(crmA).queryParam("customer", "SCOPE-" + reference)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertEquals(List.of(ofA), listedForA);

        assertTrue(audit("scope.refused", before).stream().anyMatch(e -> ("no ticket " + ofA).equals(e.get("detail"))
                && (crmB + "@clients").equals(e.get("actor"))), "the refusal is in the audit log");
    }

    @Test
    void agentsReachTheirTeamsSupervisorsTheirDepartments() {
        String team = "team-" + unique();
        String department = "dept-" + unique();
        String reference = "T-" + unique();
        String crm = "crm-" + unique();
        String inTeam = asIntegration(crm).body(ticket(reference, "\"team\": \"" + team + "\",")).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        String inDepartment = asIntegration(crm).body(ticket(reference + "-d", "\"team\": \"other\", \"department\": \""
                + department + "\",")).post("/api/v1/tickets").then().statusCode(201).extract().path("id");

        String agent = Tokens.of(Roles.AGENT).subject("li.na@x").teams(team).sign();
        String stranger = Tokens.of(Roles.AGENT).subject("wang.wu@x").teams("team-" + unique()).sign();
        String supervisor = Tokens.of(Roles.SUPERVISOR).subject("zhao.liu@x").teams("none").departments(department).sign();

        as(agent).get("/api/v1/tickets/" + inTeam).then().statusCode(200);
        as(agent).get("/api/v1/tickets/" + inDepartment).then().statusCode(404);
        as(stranger).get("/api/v1/tickets/" + inTeam).then().statusCode(404).body("detail", equalTo("no ticket " + inTeam));
        as(supervisor).get("/api/v1/tickets/" + inDepartment).then().statusCode(200);
        as(supervisor).get("/api/v1/tickets/" + inTeam).then().statusCode(404);

        as(agent).queryParam("limit", 200).get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", hasItem(inTeam)).body("items.id", not(hasItem(inDepartment)))
                .body("items.team", not(hasItem("other")));
        as(stranger).queryParam("team", team).get("/api/v1/tickets").then().statusCode(200).body("items", equalTo(List.of()));
        as(supervisor).queryParam("limit", 200).get("/api/v1/tickets").then().statusCode(200)
                .body("items.id", hasItem(inDepartment)).body("items.id", not(hasItem(inTeam)));

        // what an agent opens without a team is their team's, so it stays theirs to see
        String own = as(agent).body(staffTicket("O-" + unique(), "")).post("/api/v1/tickets").then().statusCode(201)
                .body("team", equalTo(team)).extract().path("id");
        as(agent).get("/api/v1/tickets/" + own).then().statusCode(200);
        as(stranger).get("/api/v1/tickets/" + own).then().statusCode(404);
    }

    @Test
    void theSourceSystemIsTheCallersClientIdNeverTheBodys() {
        String crm = "crm-" + unique();
        String reference = "S-" + unique();
        asIntegration(crm).body(ticket(reference, "\"sourceSystem\": \"someone-else\",")).post("/api/v1/tickets")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("sourceSystem 'someone-else' in the body is not the caller's source system '"
                        + crm + "' (the token's client id); omit the field"));
        asIntegration(crm).body(ticket(reference, "\"sourceSystem\": \"" + crm + "\",")).post("/api/v1/tickets")
                .then().statusCode(201).body("sourceSystem", equalTo(crm));

        as(Tokens.of(Roles.INTEGRATION).client(null).sign()).body(ticket("N-" + unique(), "")).post("/api/v1/tickets")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("an integration token must name its client (claim azp or client_id): "
                        + "it is the source system of what the integration reports"));

        as(Tokens.of(Roles.AGENT).client(null).sign()).body(staffTicket("P-" + unique(), "")).post("/api/v1/tickets")
                .then().statusCode(201).body("sourceSystem", equalTo("pledge"));
        as(Tokens.of(Roles.AGENT).client("crm-ui").sign()).body(staffTicket("U-" + unique(), "")).post("/api/v1/tickets")
                .then().statusCode(201).body("sourceSystem", equalTo("crm-ui"));
    }

    @Test
    void staffSendNoExternalReferenceSoNoRetryTellsThemAnotherTeamUsedOne() {
        String reference = "X-" + unique();
        String team = "team-" + unique();
        asIntegration("crm-" + unique()).body(ticket(reference, "\"team\": \"" + team + "\","))
                .post("/api/v1/tickets").then().statusCode(201);
        String detail = "externalReference is a CRM's own key for its ticket, sent by integration clients only; "
                + "omit it (retry with an Idempotency-Key instead)";
        // a reference in use (in another source system) and a fresh one: the same 400, and nothing opened
        for (String used : List.of(reference, "X-" + unique())) {
            as(Tokens.of(Roles.AGENT).subject("li.na@x").teams("team-" + unique()).client(null).sign())
                    .body(ticket(used, "")).post("/api/v1/tickets").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", equalTo(detail));
        }
        as(Tokens.of(Roles.SUPERVISOR).subject("zhao.liu@x").departments("d").sign()).body(ticket(reference, ""))
                .post("/api/v1/tickets").then().statusCode(400).body("detail", equalTo(detail));
        as(Tokens.of(Roles.ADMIN).sign()).queryParam("customer", "SCOPE-" + reference).get("/api/v1/tickets")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void aStaffRetryWhoseTicketMovedOutOfScopeIsAConflictThatSaysNothingOfWhere() {
        String team = "team-" + unique();
        String agent = Tokens.of(Roles.AGENT).subject("li.na-" + unique() + "@x").teams(team).client(null).sign();
        String key = unique();
        String body = staffTicket("K-" + unique(), "");
        String id = as(agent).header("Idempotency-Key", key).body(body).post("/api/v1/tickets").then().statusCode(201)
                .body("team", equalTo(team)).extract().path("id");
        as(agent).header("Idempotency-Key", key).body(body).post("/api/v1/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));

        as(Tokens.of(Roles.ADMIN).sign()).body("{\"team\": \"team-" + unique() + "\"}")
                .put("/api/v1/tickets/" + id + "/assignment").then().statusCode(200);
        as(agent).header("Idempotency-Key", key).body(body).post("/api/v1/tickets").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Idempotency-Key '" + key + "' was already used; send a new key"))
                .body("id", nullValue());
    }

    @Test
    void aCallBelongsToThePhoneSystemThatReportedIt() {
        String cti = "cti-" + unique();
        String callId = "call-" + unique();
        Instant offered = Instant.now().minusSeconds(20);
        String ticketId = asIntegration(cti).body("""
                        {"callId": "%s", "callerNumber": "+86 138 0013 8000", "offeredAt": "%s", "answeredAt": "%s"}
                        """.formatted(callId, offered, offered.plusSeconds(5)))
                .post("/api/v1/calls").then().statusCode(201).extract().path("ticketId");
        asIntegration(cti).get("/api/v1/tickets/" + ticketId).then().statusCode(200).body("sourceSystem", equalTo(cti));
        asIntegration(cti).get("/api/v1/calls/" + callId).then().statusCode(200);
        String other = "cti-" + unique();
        asIntegration(other).get("/api/v1/calls/" + callId).then().statusCode(404).body("detail", equalTo("no call " + callId));
        asIntegration(other).get("/api/v1/tickets/" + ticketId).then().statusCode(404);
        // another phone system cannot join its calls to the ticket, nor learn the call's details
        asIntegration(other).body("""
                        {"callId": "%s", "callerNumber": "+86 138 0013 8000", "offeredAt": "%s", "answeredAt": "%s",
                         "ticketId": "%s"}
                        """.formatted("call-" + unique(), offered, offered.plusSeconds(5), ticketId))
                .post("/api/v1/calls").then().statusCode(404)
                .body("detail", equalTo("no ticket " + ticketId + " to attach the call to"));
        asIntegration(other).body("""
                        {"callId": "%s", "callerNumber": "+86 138 0013 8000", "offeredAt": "%s", "answeredAt": "%s"}
                        """.formatted(callId, offered, offered.plusSeconds(5)))
                .post("/api/v1/calls").then().statusCode(409).body("ticketId", nullValue());
    }
}
