package io.pledge.intake.ticket;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.pledge.intake.support.IntakeApi.as;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ceTime;
import static io.pledge.intake.support.IntakeApi.data;
import static io.pledge.intake.support.IntakeApi.openTicket;
import static io.pledge.intake.support.IntakeApi.openTicketOpenedAt;
import static io.pledge.intake.support.IntakeApi.ticketJson;
import static io.pledge.intake.support.IntakeApi.types;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Blueprint §6, trustworthy time and authorship: an agent acts as themself and now; only an
 * integration reports a customer's message, another agent's, or an earlier fact (within the
 * backdating window), and the events of late facts carry reportedLate: true.
 */
@QuarkusTest
class AuthorshipTest {

    private static final String AGENT = Tokens.of(Roles.AGENT).subject("li.na@x").sign();

    private static TopicReader tickets;

    @BeforeAll
    static void readTickets() {
        tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
    }

    @AfterAll
    static void close() {
        tickets.close();
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String id, int atLeast) {
        return tickets.awaitAtLeast(atLeast, Duration.ofSeconds(20), r -> id.equals(r.key()));
    }

    private static String message(String author, String agent, Instant occurredAt) {
        return "{\"author\": \"" + author + "\", \"body\": \"Hello\""
                + (agent == null ? "" : ", \"agent\": \"" + agent + "\"")
                + (occurredAt == null ? "" : ", \"occurredAt\": \"" + occurredAt + "\"") + "}";
    }

    private static Instant ago(Duration duration) {
        return Instant.now().minus(duration).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void anAgentsBackdatedReplyIsA403AndWritesNothing() {
        String id = openTicketOpenedAt(ago(Duration.ofDays(3)));
        as(AGENT).body(message("AGENT", null, ago(Duration.ofHours(1)))).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only an integration client may report an earlier time"));
        as(AGENT).body(message("CUSTOMER", null, null)).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(403).body("detail", containsString("only an integration client posts a customer's message"));
        as(AGENT).body(message("AGENT", "someone.else@x", null)).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(403).body("detail", containsString("only an integration client posts another agent's"));
        as(AGENT).body("{\"resolutionCode\": \"FIXED\", \"occurredAt\": \"" + ago(Duration.ofHours(1)) + "\"}")
                .post("/api/v1/tickets/" + id + "/resolution").then().statusCode(403);

        as(AGENT).get("/api/v1/tickets/" + id + "/messages").then().statusCode(200).body("", hasSize(0));
        as(AGENT).get("/api/v1/tickets/" + id + "/timeline").then().body("type", equalTo(List.of("ticket.opened")));
        as(AGENT).get("/api/v1/tickets/" + id).then().body("version", equalTo(0)).body("status", equalTo("OPEN"));

        // the agent's own reply, now (a clock a minute behind is still now), is theirs and is not late
        as(AGENT).body(message("AGENT", "li.na@x", ago(Duration.ofMinutes(1)))).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(201).body("agent", equalTo("li.na@x")).body("author", equalTo("AGENT"));
        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 2);
        assertEquals(List.of("ticket.opened", "ticket.first-response"), types(events));
        FirstResponse response = data(events.get(1), FirstResponse.class);
        assertEquals("li.na@x", response.respondedBy());
        assertNull(response.reportedLate(), "a fact reported now carries no reportedLate");
        assertEquals(Boolean.TRUE, data(events.get(0), TicketOpened.class).reportedLate());
    }

    @Test
    void anIntegrationReportsEarlierRepliesWithinTheWindowAndTheirEventsSaySo() {
        String id = openTicketOpenedAt(ago(Duration.ofDays(3)));
        Instant firstReply = ago(Duration.ofDays(2).plusHours(6));
        Instant reply = ago(Duration.ofDays(2));
        Instant customer = ago(Duration.ofDays(2).minusHours(1));
        asCrm().body(message("AGENT", "agent-7", firstReply)).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(201);
        asCrm().body(message("AGENT", "agent-8", reply)).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(201).body("agent", equalTo("agent-8")).body("occurredAt", equalTo(reply.toString()));
        asCrm().body(message("CUSTOMER", null, customer)).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(201).body("author", equalTo("CUSTOMER"));
        asCrm().body(message("CUSTOMER", null, ago(Duration.ofDays(8)))).post("/api/v1/tickets/" + id + "/messages")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("beyond the backdating window"));

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 4);
        assertEquals(List.of("ticket.opened", "ticket.first-response", "ticket.agent-replied", "ticket.customer-replied"),
                types(events));
        assertEquals(Boolean.TRUE, data(events.get(1), FirstResponse.class).reportedLate());
        AgentReplied agentReplied = data(events.get(2), AgentReplied.class);
        assertEquals(List.of(true, "agent-8", reply), List.of(agentReplied.reportedLate(), agentReplied.repliedBy(),
                agentReplied.repliedAt()));
        assertEquals(Boolean.TRUE, data(events.get(3), CustomerReplied.class).reportedLate());
        assertEquals(customer, ceTime(events.get(3)));
        asCrm().get("/api/v1/tickets/" + id + "/messages").then().body("", hasSize(3));
    }

    @Test
    void openingsAndResolutionsFollowTheSameRules() {
        String subject = "Backdated by an agent " + Instant.now();
        as(AGENT).body(ticketJson("INQUIRY", "\"openedAt\": \"" + ago(Duration.ofHours(3)) + "\",")
                        .replace("Invoice wrong", subject))
                .post("/api/v1/tickets").then().statusCode(403).contentType("application/problem+json");
        asCrm().body(ticketJson("INQUIRY", "\"openedAt\": \"" + ago(Duration.ofDays(8)) + "\","))
                .post("/api/v1/tickets").then().statusCode(422).body("detail", containsString("beyond the backdating window"));

        String id = openTicket();
        as(AGENT).body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + id + "/resolution")
                .then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 2);
        assertNull(data(events.get(0), TicketOpened.class).reportedLate());
        assertNull(data(events.get(1), TicketResolved.class).reportedLate());
        as(AGENT).queryParam("limit", 200).get("/api/v1/tickets").then()
                .body("items.subject", not(hasItem(subject)));
    }
}
