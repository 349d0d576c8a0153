package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Blueprint §6: a complaint belongs to its ticket's team, department and source system; outside
 * the caller's scope it is a 404 worded as for a missing one, and lists leave it out.
 */
@QuarkusTest
class ScopeTest {

    /** Two complaints of one customer, one per team/department/source system. */
    private record TwoTeams(String customer, String teamA, String teamB, String departmentA, String departmentB,
                            String crmA, String crmB, TicketOpened ticketA, TicketOpened ticketB, String a, String b) {
    }

    private static TwoTeams twoTeams() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = newCustomer();
        TicketOpened ticketA = opened(customer, "team-a-" + suffix, "dept-a-" + suffix, "crm-a-" + suffix);
        TicketOpened ticketB = opened(customer, "team-b-" + suffix, "dept-b-" + suffix, "crm-b-" + suffix);
        deliver(cloudEvent(ticketA, ticketA.openedAt()), cloudEvent(ticketB, ticketB.openedAt()));
        String a = complaintsOf(ticketA.ticket().ticketId()).extract().path("items[0].id");
        String b = complaintsOf(ticketB.ticket().ticketId()).extract().path("items[0].id");
        return new TwoTeams(customer, ticketA.ticket().team(), ticketB.ticket().team(), ticketA.ticket().department(),
                ticketB.ticket().department(), ticketA.sourceSystem(), ticketB.sourceSystem(), ticketA, ticketB, a, b);
    }

    private static TicketOpened opened(String customer, String team, String department, String sourceSystem) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), customer, Channel.EMAIL, Category.COMPLAINT,
                Priority.NORMAL, TicketStatus.OPEN, team, "agent-of-" + team, department), "GOLD", sourceSystem,
                List.of(), now(), null);
    }

    private static RequestSpecification with(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void anAgentOfTeamAGets404OnTeamBsComplaintByIdAndEveryStepAndListsOnlyTeamAs() {
        TwoTeams t = twoTeams();
        String agentA = Tokens.of(Roles.AGENT).subject("li.na@x").teams(t.teamA()).sign();
        String missing = "no complaint " + t.b();

        with(agentA).get("/api/v1/complaints/" + t.a()).then().statusCode(200);
        with(agentA).get("/api/v1/complaints/" + t.b()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo(missing));
        with(agentA).get("/api/v1/complaints/" + t.b() + "/history").then().statusCode(404)
                .body("detail", equalTo(missing));
        for (var step : List.<Map.Entry<String, Object>>of(Map.entry("acknowledgement", Map.of("department", "x")),
                Map.entry("investigation", Map.of()), Map.entry("resolution-proposal", Map.of("proposal", "refund")))) {
            with(agentA).body(step.getValue()).post("/api/v1/complaints/" + t.b() + "/" + step.getKey())
                    .then().statusCode(404).body("detail", equalTo(missing));
        }
        with(agentA).body(Map.of("rootCause", "BILLING_ERROR", "correctiveAction", "fix"))
                .put("/api/v1/complaints/" + t.b() + "/root-cause").then().statusCode(404).body("detail", equalTo(missing));
        // a refused step changed nothing
        complaintsOf(t.ticketB().ticket().ticketId()).body("items[0].state", equalTo("REGISTERED"))
                .body("items[0].version", equalTo(0));

        with(agentA).queryParam("customerId", t.customer()).get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", contains(t.a()));
        with(agentA).redirects().follow(false).get("/api/v1/complaints/registrations/" + t.ticketB().ticket().ticketId())
                .then().statusCode(404);
        // registering for team B's ticket: answered as for an unknown ticket (see below)
        with(agentA).body(Map.of("ticketId", t.ticketB().ticket().ticketId())).post("/api/v1/complaints")
                .then().statusCode(202).body("status", equalTo("WAITING_FOR_TICKET"));
    }

    @Test
    void aSupervisorReachesTheDepartmentsComplaintsAndAnIntegrationThoseItsSystemOpened() {
        TwoTeams t = twoTeams();
        String supervisorB = Tokens.of(Roles.SUPERVISOR).subject("wang.fang@x").teams("no-team")
                .departments(t.departmentB()).sign();
        with(supervisorB).get("/api/v1/complaints/" + t.b()).then().statusCode(200);
        with(supervisorB).get("/api/v1/complaints/" + t.a()).then().statusCode(404);
        with(supervisorB).queryParam("customerId", t.customer()).get("/api/v1/complaints").then()
                .body("items.id", contains(t.b()));
        with(supervisorB).body(Map.of("reason", "press")).post("/api/v1/complaints/" + t.a() + "/escalation")
                .then().statusCode(404);

        String crmA = Tokens.of(Roles.INTEGRATION).subject("crm-a-client").client(t.crmA()).sign();
        with(crmA).get("/api/v1/complaints/" + t.a()).then().statusCode(200);
        with(crmA).get("/api/v1/complaints/" + t.b()).then().statusCode(404).body("detail", equalTo("no complaint " + t.b()));
        with(crmA).queryParam("customerId", t.customer()).get("/api/v1/complaints").then()
                .body("items.id", contains(t.a()));
        with(crmA).redirects().follow(false).get("/api/v1/complaints/registrations/" + t.ticketA().ticket().ticketId())
                .then().statusCode(303);
        with(crmA).redirects().follow(false).get("/api/v1/complaints/registrations/" + t.ticketB().ticket().ticketId())
                .then().statusCode(404);
        // its own ticket: the registration answers the complaint it has; another system's: as if unknown
        with(crmA).body(Map.of("ticketId", t.ticketA().ticket().ticketId())).post("/api/v1/complaints")
                .then().statusCode(200).body("id", equalTo(t.a()));
        with(crmA).body(Map.of("ticketId", t.ticketB().ticket().ticketId())).post("/api/v1/complaints")
                .then().statusCode(202).body("status", equalTo("WAITING_FOR_TICKET"));
    }

    @Test
    void theReviewCountsOnlyComplaintsInTheReviewersScope() {
        Instant from = now().minusSeconds(5);
        TwoTeams t = twoTeams();
        Instant to = now().plusSeconds(5);
        String supervisorA = Tokens.of(Roles.SUPERVISOR).subject("zhao.lei@x").teams("no-team")
                .departments(t.departmentA()).sign();
        with(supervisorA).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/complaints/review").then().statusCode(200)
                .body("departments.key", hasItem(t.departmentA()))
                .body("departments.key", not(hasItem(t.departmentB())))
                .body("repeatComplainants.customerId", not(hasItem(t.customer())));
    }

    @Test
    void aWaitingRegistrationIsSeenOnlyByWhoAskedForIt() {
        UUID ticketId = UUID.randomUUID();
        String crm = Tokens.of(Roles.INTEGRATION).subject("crm-x-client").client("crm-x").sign();
        String otherCrm = Tokens.of(Roles.INTEGRATION).subject("crm-y-client").client("crm-y").sign();
        with(crm).body(Map.of("ticketId", ticketId)).post("/api/v1/complaints").then().statusCode(202);
        with(crm).get("/api/v1/complaints/registrations/" + ticketId).then().statusCode(200)
                .body("status", equalTo("WAITING_FOR_TICKET"));
        with(otherCrm).get("/api/v1/complaints/registrations/" + ticketId).then().statusCode(404)
                .body("detail", equalTo("no complaint and no registration waiting for ticket " + ticketId));
    }

    @Test
    void aRegistrationWaitingForATicketOutsideTheRequestersScopeIsDroppedWhenItArrivesAndOneWithinItIsCarriedOut() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TicketOpened inquiryB = new TicketOpened(new TicketFacts(UUID.randomUUID(), newCustomer(), Channel.EMAIL,
                Category.INQUIRY, Priority.NORMAL, TicketStatus.OPEN, "team-b-" + suffix, "agent-b", "dept-b-" + suffix),
                "GOLD", "crm-b-" + suffix, List.of(), now(), null);
        UUID ticketId = inquiryB.ticket().ticketId();
        String nameA = "li.na-" + suffix + "@x";
        String nameB = "zhou.min-" + suffix + "@x";
        String agentA = Tokens.of(Roles.AGENT).subject(nameA).teams("team-a-" + suffix).sign();
        String agentB = Tokens.of(Roles.AGENT).subject(nameB).teams("team-b-" + suffix).sign();
        Instant before = Instant.now();

        with(agentA).body(Map.of("ticketId", ticketId, "severity", "CRITICAL", "subject", "BILLING"))
                .post("/api/v1/complaints").then().statusCode(202);
        // asked after team A's agent: no longer shut out by the first request for the ticket
        with(agentB).body(Map.of("ticketId", ticketId, "severity", "MINOR", "subject", "PRODUCT"))
                .post("/api/v1/complaints").then().statusCode(202);
        with(agentA).get("/api/v1/complaints/registrations/" + ticketId).then().statusCode(200)
                .body("status", equalTo("WAITING_FOR_TICKET"));

        deliver(cloudEvent(inquiryB, inquiryB.openedAt()));

        complaintsOf(ticketId).body("items", hasSize(1))
                .body("items[0].registeredBy", equalTo(nameB))
                .body("items[0].severity", equalTo("MINOR"))
                .body("items[0].subject", equalTo("PRODUCT"))
                .body("items[0].level", equalTo(1));
        // the dropped one answers as a registration that never was
        with(agentA).redirects().follow(false).get("/api/v1/complaints/registrations/" + ticketId).then()
                .statusCode(404).body("detail", equalTo("no complaint and no registration waiting for ticket " + ticketId));
        with(agentB).redirects().follow(false).get("/api/v1/complaints/registrations/" + ticketId).then()
                .statusCode(303);
        scopeRefusals(before).body("findAll { it.target == 'ticket " + ticketId + "' }.detail",
                        contains("registration by " + nameA + " dropped: outside their scope"))
                .body("findAll { it.target == 'ticket " + ticketId + "' }.actor", contains("system"));
    }

    @Test
    void aKnownTicketOutsideTheCallersScopeIsAnsweredAsAnUnknownOneAndItsRegistrationDroppedAtItsNextEvent() {
        TwoTeams t = twoTeams();
        UUID known = t.ticketB().ticket().ticketId();
        UUID unknown = UUID.randomUUID();
        String name = "li.na-" + UUID.randomUUID() + "@x";
        String agentA = Tokens.of(Roles.AGENT).subject(name).teams(t.teamA()).sign();
        Instant before = Instant.now();

        List<Set<String>> answered = new ArrayList<>();
        for (UUID ticketId : List.of(known, unknown)) {
            Map<String, Object> answer = with(agentA).body(Map.of("ticketId", ticketId, "severity", "CRITICAL"))
                    .post("/api/v1/complaints").then()
                    .statusCode(202).contentType(ContentType.JSON)
                    .header("Location", endsWith("/api/v1/complaints/registrations/" + ticketId))
                    .body("status", equalTo("WAITING_FOR_TICKET"))
                    .body("complaintId", nullValue())
                    .extract().jsonPath().getMap("");
            answered.add(answer.keySet());
            with(agentA).redirects().follow(false).get("/api/v1/complaints/registrations/" + ticketId).then()
                    .statusCode(200).body("status", equalTo("WAITING_FOR_TICKET"));
        }
        assertEquals(answered.get(1), answered.get(0));

        TicketFacts facts = t.ticketB().ticket();
        deliver(cloudEvent(new TicketAssigned(facts, facts.team(), facts.agent(), facts.department(), false, now()),
                now()));

        with(agentA).redirects().follow(false).get("/api/v1/complaints/registrations/" + known).then()
                .statusCode(404).body("detail", equalTo("no complaint and no registration waiting for ticket " + known));
        // team B's complaint took nothing from the request: not CRITICAL, so not escalated
        complaintsOf(known).body("items", hasSize(1)).body("items[0].id", equalTo(t.b()))
                .body("items[0].severity", not(equalTo("CRITICAL"))).body("items[0].level", equalTo(1));
        scopeRefusals(before)
                // the request, audited when made; and the poll after the drop, refused as for an unknown one
                .body("findAll { it.actor == '" + name + "' }.detail", containsInAnyOrder("registration for ticket "
                                + known + " outside the caller's scope: answered as waiting, dropped at the ticket's next event",
                        "no complaint and no registration waiting for ticket " + known))
                .body("findAll { it.target == 'ticket " + known + "' }.detail",
                        contains("registration by " + name + " dropped: outside their scope"));
    }

    @Test
    void aComplaintRoutedToAnotherDepartmentIsReachedByThatDepartmentsSupervisorByIdInTheListAndTheReview() {
        Instant from = now().minusSeconds(5);
        TwoTeams t = twoTeams();
        // team A's ticket, department A's; its complaint handled by department B
        as("supervisor").body(Map.of("department", t.departmentB()))
                .post("/api/v1/complaints/" + t.a() + "/acknowledgement").then().statusCode(200);
        as("supervisor").body(Map.of("reason", "press")).post("/api/v1/complaints/" + t.a() + "/escalation")
                .then().statusCode(200);
        Instant to = now().plusSeconds(5);
        String supervisorB = Tokens.of(Roles.SUPERVISOR).subject("sun.li@x").teams("no-team")
                .departments(t.departmentB()).sign();
        String otherSupervisor = Tokens.of(Roles.SUPERVISOR).subject("qian.yu@x").teams("no-team")
                .departments("dept-c-" + UUID.randomUUID()).sign();

        with(supervisorB).get("/api/v1/complaints/" + t.a()).then().statusCode(200);
        with(supervisorB).get("/api/v1/complaints/" + t.a() + "/history").then().statusCode(200);
        with(supervisorB).body(Map.of()).post("/api/v1/complaints/" + t.a() + "/investigation").then().statusCode(200);
        with(supervisorB).redirects().follow(false).get("/api/v1/complaints/registrations/" + t.ticketA().ticket().ticketId())
                .then().statusCode(303);
        with(supervisorB).body(Map.of("ticketId", t.ticketA().ticket().ticketId())).post("/api/v1/complaints")
                .then().statusCode(200).body("id", equalTo(t.a()));
        with(supervisorB).queryParam("customerId", t.customer()).queryParam("department", t.departmentB())
                .get("/api/v1/complaints").then().statusCode(200).body("items.id", containsInAnyOrder(t.a(), t.b()));
        with(supervisorB).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/complaints/review").then().statusCode(200)
                .body("registered", equalTo(2))
                .body("departments.find { it.key == '" + t.departmentB() + "' }.count", equalTo(2))
                .body("escalationsToLevel.level", contains(2))
                .body("escalationsToLevel.escalations", contains(1));
        // the department's supervisors, not others: nor team B's agents (departments are the supervisors')
        with(otherSupervisor).get("/api/v1/complaints/" + t.a()).then().statusCode(404)
                .body("detail", equalTo("no complaint " + t.a()));
        with(Tokens.of(Roles.AGENT).subject("wu.di@x").teams(t.teamB()).departments(t.departmentB()).sign())
                .get("/api/v1/complaints/" + t.a()).then().statusCode(404);
    }

    /** The scope refusals of the audit log since {@code from}. */
    private static ValidatableResponse scopeRefusals(Instant from) {
        return as("admin").queryParam("action", "scope.refused").queryParam("from", from.toString())
                .queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200).rootPath("items");
    }
}
