package io.pledge.sla.clock;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #14: a ticket's clocks and the at-risk queue only within the caller's scope — agents their
 * teams, supervisors their departments, integration clients the tickets their system opened.
 */
@QuarkusTest
class SlaScopeTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM_A = "team-a-" + RUN;
    private static final String TEAM_B = "team-b-" + RUN;
    private static final String DEPT_A = "dept-a-" + RUN;
    private static final String DEPT_B = "dept-b-" + RUN;

    private static TicketFacts facts(UUID id, String team, String department) {
        return new TicketFacts(id, "C-SCOPE", Channel.EMAIL, Category.INQUIRY, Priority.URGENT, TicketStatus.OPEN, team,
                null, department);
    }

    /** Opens an urgent ticket 40 minutes ago (first response due within the hour) and waits until it is applied. */
    private static UUID open(String team, String department, String sourceSystem) {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofMinutes(40));
        deliver(id, cloudEvent(new TicketOpened(facts(id, team, department), null, sourceSystem, List.of(), opened, null),
                opened));
        return id;
    }

    private static void deliver(UUID ticketId, ProducerRecord<String, byte[]> event) {
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.send(event, new ProducerRecord<>(Topics.TICKETS, ticketId.toString(),
                    "applied-up-to-here marker".getBytes(StandardCharsets.UTF_8)));
            dlq.awaitAtLeast(1, Duration.ofSeconds(30), r -> ticketId.toString().equals(r.key()));
        }
    }

    private static int slaStatus(String token, UUID ticket) {
        return given().auth().oauth2(token).get("/api/v1/tickets/" + ticket + "/sla").then().extract().statusCode();
    }

    private static List<String> atRisk(String token) {
        return given().auth().oauth2(token).queryParam("within", "PT1H").queryParam("limit", 500)
                .get("/api/v1/sla/at-risk").then().statusCode(200).extract().path("ticketId");
    }

    /** The queue of one team as an admin sees it (the shared database holds other runs' clocks too). */
    private static List<String> atRiskOfTeam(String token, String team) {
        return given().auth().oauth2(token).queryParam("within", "PT1H").queryParam("limit", 500)
                .queryParam("team", team)
                .get("/api/v1/sla/at-risk").then().statusCode(200).extract().path("ticketId");
    }

    @Test
    void anAgentSeesTheClocksOfItsTeamsTicketsAndAnotherTeamsAreNotFoundLikeUnknownOnes() {
        UUID mine = open(TEAM_A, DEPT_A, "crm-a-" + RUN);
        UUID theirs = open(TEAM_B, DEPT_B, "crm-b-" + RUN);
        String agent = Tokens.of(Roles.AGENT).subject("li.na@pledge.test").teams(TEAM_A).sign();

        assertEquals(200, slaStatus(agent, mine));
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(agent).get("/api/v1/tickets/" + theirs + "/sla").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no SLA clock for ticket " + theirs));
        given().auth().oauth2(agent).get("/api/v1/tickets/" + unknown + "/sla").then().statusCode(404)
                .body("detail", equalTo("no SLA clock for ticket " + unknown));

        List<String> queue = atRisk(agent);
        assertTrue(queue.contains(mine.toString()), queue::toString);
        assertFalse(queue.contains(theirs.toString()), queue::toString);
        String admin = Tokens.withRoles(Roles.ADMIN);
        assertTrue(atRiskOfTeam(admin, TEAM_A).contains(mine.toString()));
        assertTrue(atRiskOfTeam(admin, TEAM_B).contains(theirs.toString()));
    }

    @Test
    void aSupervisorSeesItsDepartmentsAndAnIntegrationTheTicketsItsSystemOpened() {
        UUID a = open(TEAM_A, DEPT_A, "crm-a-" + RUN);
        UUID b = open(TEAM_B, DEPT_B, "crm-b-" + RUN);
        String supervisor = Tokens.of(Roles.SUPERVISOR).subject("head.b@pledge.test").teams().departments(DEPT_B).sign();
        assertEquals(200, slaStatus(supervisor, b));
        assertEquals(404, slaStatus(supervisor, a));
        List<String> queue = atRisk(supervisor);
        assertTrue(queue.contains(b.toString()), queue::toString);
        assertFalse(queue.contains(a.toString()), queue::toString);

        String crmA = Tokens.of(Roles.INTEGRATION).client("crm-a-" + RUN).sign();
        assertEquals(200, slaStatus(crmA, a));
        assertEquals(404, slaStatus(crmA, b));
    }

    @Test
    void aTransferredTicketIsSeenByItsNewTeamOnly() {
        UUID id = open(TEAM_A, DEPT_A, "crm-a-" + RUN);
        deliver(id, cloudEvent(new TicketAssigned(facts(id, TEAM_B, DEPT_B), TEAM_A, null, DEPT_A, true, NOW), NOW));
        assertEquals(404, slaStatus(Tokens.of(Roles.AGENT).teams(TEAM_A).sign(), id));
        assertEquals(200, slaStatus(Tokens.of(Roles.AGENT).teams(TEAM_B).sign(), id));
    }
}
