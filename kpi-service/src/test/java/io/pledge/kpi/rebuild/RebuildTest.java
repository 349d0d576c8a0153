package io.pledge.kpi.rebuild;

import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replaying the topics from the beginning gives the numbers the live state had. */
@QuarkusTest
class RebuildTest {

    private static Map<?, ?> scorecard(String team) {
        return given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("team", team)
                .get("/api/v1/kpis/scorecard").then().statusCode(200).extract().as(Map.class);
    }

    private static Object value(Map<?, ?> scorecard, String metric) {
        return ((List<?>) scorecard.get("kpis")).stream().map(k -> (Map<?, ?>) k)
                .filter(k -> metric.equals(k.get("metric"))).findFirst().orElseThrow().get("value");
    }

    @Test
    void aRebuildFromTheTopicsYieldsTheLiveNumbers() {
        String team = "rebuild-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            TicketFacts open = new TicketFacts(UUID.randomUUID(), "CRM-R", Channel.PHONE, Category.FAULT,
                    Priority.NORMAL, TicketStatus.OPEN, team, "agent-r", null);
            Instant openedAt = now.minusSeconds(3600L * (i + 1));
            ProducerRecord<String, byte[]> opened = cloudEvent(new TicketOpened(open, null, "crm", List.of(), openedAt, null), openedAt);
            KafkaTestSupport.send(opened, opened);
            if (i > 0) {
                TicketFacts resolved = new TicketFacts(open.ticketId(), "CRM-R", Channel.PHONE, Category.FAULT,
                        Priority.NORMAL, TicketStatus.RESOLVED, team, "agent-r", null);
                KafkaTestSupport.send(cloudEvent(new TicketResolved(resolved, "FIXED", openedAt,
                        openedAt.plusSeconds(600L * i), i, 0, null), openedAt.plusSeconds(600L * i)));
            }
        }
        // each kind of case the ledger remembers: a rebuild must forget them all, or the replay counts nothing
        Instant at = now.minusSeconds(3600);
        TicketFacts ticket = new TicketFacts(UUID.randomUUID(), "CRM-R", Channel.PHONE, Category.COMPLAINT,
                Priority.NORMAL, TicketStatus.OPEN, team, "agent-r", null);
        UUID complaint = UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        SlaClockFacts clock = new SlaClockFacts(UUID.randomUUID(), ticket.ticketId(), "FIRST_RESPONSE", "seed",
                Duration.ofHours(1), "24x7", Channel.PHONE, Category.COMPLAINT, Priority.NORMAL, team, "agent-r");
        KafkaTestSupport.send(
                cloudEvent(new FirstResponse(ticket, UUID.randomUUID(), "agent-r", at.plusSeconds(900), at, null), at.plusSeconds(900)),
                cloudEvent(new FirstResponse(ticket, UUID.randomUUID(), "agent-r", at.plusSeconds(300), at, null), at.plusSeconds(300)),
                cloudEvent(new ComplaintRegistered(complaint, ticket.ticketId(), "CRM-R", Channel.PHONE, Priority.NORMAL,
                        "MAJOR", null, team, "agent-r", at), at),
                cloudEvent(new ComplaintEscalated(ticket, complaint, 2, "SEVERITY", at.plusSeconds(86400), at.plusSeconds(60)),
                        at.plusSeconds(60)),
                cloudEvent(new ComplaintEscalated(ticket, complaint, 3, "SEVERITY", at.plusSeconds(86400), at.plusSeconds(120)),
                        at.plusSeconds(120)),
                cloudEvent(new OnSiteRequested(ticket, visit, "no signal", "agent-r", at, null), at),
                cloudEvent(new OnSiteCompleted(ticket, visit, "FIXED", at, at.plusSeconds(1800), null), at.plusSeconds(1800)),
                cloudEvent(new SlaClockStarted(clock, at, at.plusSeconds(3600)), at),
                cloudEvent(new SlaWarning(clock, 80, at.plusSeconds(3600), at.plusSeconds(2880)), at.plusSeconds(2880)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<?, ?> card = scorecard(team);
            return Double.valueOf(3.0).equals(value(card, "tickets.opened"))
                    && Double.valueOf(2.0).equals(value(card, "tickets.resolved"))
                    && Double.valueOf(300.0).equals(value(card, "first-response.time.mean"))
                    && Double.valueOf(100.0).equals(value(card, "complaints.escalation-rate.l3"))
                    && Double.valueOf(100.0).equals(value(card, "onsite.same-day"))
                    && Double.valueOf(1.0).equals(value(card, "sla.warnings"));
        });
        Map<?, ?> live = scorecard(team);
        assertEquals(1.0, value(live, "tickets.backlog"));
        assertEquals(100.0, value(live, "complaints.escalation-rate"));

        given().auth().oauth2(Tokens.withRoles("admin")).post("/api/v1/kpis/rebuild").then().statusCode(202);
        given().auth().oauth2(Tokens.withRoles("admin")).post("/api/v1/kpis/rebuild").then().statusCode(409);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().auth().oauth2(Tokens.withRoles("supervisor")).get("/api/v1/kpis/rebuild")
                        .then().statusCode(200).body("state", equalTo("DONE")));

        assertEquals(live.get("kpis"), scorecard(team).get("kpis"));
        given().auth().oauth2(Tokens.withRoles("dashboard")).post("/api/v1/kpis/rebuild").then().statusCode(403);
    }
}
