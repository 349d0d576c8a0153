package io.pledge.notify.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.notification.WebhookEndpointDisabled;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.notify.MovableClock;
import io.pledge.notify.recipient.QuietHours;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pledge.notify.alert.AlertExamples.breached;
import static io.pledge.notify.alert.AlertExamples.clock;
import static io.pledge.notify.alert.AlertExamples.escalated;
import static io.pledge.notify.alert.AlertExamples.retracted;
import static io.pledge.notify.alert.AlertExamples.survey;
import static io.pledge.notify.alert.AlertExamples.ticket;
import static io.pledge.notify.alert.AlertExamples.warning;
import static io.pledge.notify.alert.AlertFixtures.DEADLINE;
import static io.pledge.notify.alert.AlertFixtures.alertList;
import static io.pledge.notify.alert.AlertFixtures.as;
import static io.pledge.notify.alert.AlertFixtures.email;
import static io.pledge.notify.alert.AlertFixtures.person;
import static io.pledge.notify.alert.AlertFixtures.unique;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts against the real broker, the real database and a real SMTP server (GreenMail), whose
 * mailboxes the tests read by IMAP. Every test makes its own people (unique ids and addresses),
 * so tests see only their own mail, in any order. The test profile allows 3 mails a minute.
 */
@QuarkusTest
class AlertDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    EntityManager em;

    private static List<Mailbox.Mail> mails(String person) {
        return Mailbox.of(email(person));
    }

    @Test
    void anEscalationReachesTheLevelOwnersMailboxExactlyOnceWhenTheEventIsProducedTwice() {
        String department = unique("dept");
        String owner = person(Map.of("ownsLevels", List.of(2, 3), "leadsDepartments", List.of(department),
                "timeZone", "Asia/Shanghai"));
        String ownerElsewhere = person(Map.of("ownsLevels", List.of(2), "leadsDepartments", List.of(unique("dept"))));
        TicketFacts ticket = ticket(unique("team"), unique("agent"), department, Priority.NORMAL);
        Instant contactBy = Instant.parse("2031-01-02T00:00:00Z");
        String eventId = UUID.randomUUID().toString();

        try (TopicReader notifications = KafkaTestSupport.readFromNowOn(Topics.NOTIFICATIONS)) {
            var escalation = escalated(ticket, 2, contactBy);
            KafkaTestSupport.send(cloudEvent(escalation, eventId, clock.now()), cloudEvent(escalation, eventId, clock.now()));
            // a later event of the same ticket (same partition, so read after the repeat) shows the repeat was handled
            KafkaTestSupport.send(cloudEvent(escalated(ticket, 3, contactBy.plus(Duration.ofDays(1))), clock.now()));

            await().atMost(DEADLINE).until(() -> mails(owner).size() >= 2);
            List<Mailbox.Mail> mails = mails(owner);
            assertEquals(2, mails.size(), "one mail per escalation: " + mails);
            Mailbox.Mail first = mails.stream().filter(m -> m.subject().contains("level 2")).findFirst().orElseThrow();
            assertEquals("Ticket " + ticket.ticketId() + ": complaint at level 2, contact the customer by 2031-01-02 08:00 "
                    + "(Asia/Shanghai)", first.subject());
            assertTrue(first.text().contains("http://localhost:8081/api/v1/tickets/" + ticket.ticketId()), first.text());
            as("admin").queryParam("ticketId", ticket.ticketId().toString()).get("/api/v1/alerts").then().statusCode(200)
                    .body("items", hasSize(2)).body("items.state", everyItem(is("SENT")))
                    .body("items.recipientId", everyItem(is(owner)))
                    .body("items.ruleId", everyItem(is("seed-complaint-escalated")));
            assertEquals(List.of(), mails(ownerElsewhere), "the owner of the level in another department is not told");

            List<ConsumerRecord<String, byte[]>> sent = notifications.awaitAtLeast(2, DEADLINE,
                    r -> ticket.ticketId().toString().equals(r.key()));
            JsonNode alertSent = EventCodec.parse(sent.get(0).value());
            assertEquals("alert.sent", KafkaTestSupport.header(sent.get(0), "ce_type"));
            assertEquals(owner, alertSent.get("recipientId").asText());
            assertEquals("EMAIL", alertSent.get("channel").asText());
            assertEquals("complaint.escalated", alertSent.get("causeType").asText());
        }
    }

    @Test
    void aBreachMailsAssigneeLeadAndSupervisorAndItsRetractionMailsEachACorrection() {
        String team = unique("team");
        String department = unique("dept");
        String agent = person();
        String lead = person(Map.of("leadsTeams", List.of(team)));
        String supervisor = person(Map.of("leadsDepartments", List.of(department), "language", "zh-CN"));
        TicketFacts ticket = ticket(team, agent, department, Priority.HIGH);
        Instant openedAt = clock.now().minus(Duration.ofHours(2));
        // the ticket's opening tells alerts its department (SLA events carry none)
        KafkaTestSupport.send(cloudEvent(new TicketOpened(ticket, "GOLD", Tokens.CLIENT, List.of(), openedAt, null), openedAt));
        await().atMost(DEADLINE).until(() -> knows(ticket));

        SlaClockFacts clockFacts = clock(ticket, "RESOLUTION");
        Instant due = clock.now().minus(Duration.ofMinutes(1));
        KafkaTestSupport.send(cloudEvent(breached(clockFacts, due), due));
        for (String person : List.of(agent, lead, supervisor)) {
            await().atMost(DEADLINE).until(() -> mails(person).size() == 1);
        }
        assertEquals("Ticket " + ticket.ticketId() + ": resolution promise breached", mails(agent).get(0).subject());
        assertEquals("工单 " + ticket.ticketId() + "：解决承诺已超时", mails(supervisor).get(0).subject());

        KafkaTestSupport.send(cloudEvent(retracted(clockFacts, due.minusSeconds(30)), clock.now()));
        for (String person : List.of(agent, lead, supervisor)) {
            await().atMost(DEADLINE).until(() -> mails(person).size() == 2);
        }
        assertEquals("Correction, ticket " + ticket.ticketId() + ": the resolution promise was not breached",
                mails(lead).get(1).subject());
        assertEquals("更正，工单 " + ticket.ticketId() + "：解决承诺并未超时", mails(supervisor).get(1).subject());
        List<Map<String, Object>> toAgent = alertList(agent);
        assertEquals(List.of("CORRECTION", "ALERT"), toAgent.stream().map(a -> a.get("kind")).toList());
        assertEquals("sla.breach-retracted", toAgent.get(0).get("causeType"));
        assertEquals(toAgent.get(1).get("id"), toAgent.get(0).get("corrects"));

        // supervisors see the alerts about their departments' tickets, and no others
        String ticketId = ticket.ticketId().toString();
        given().auth().oauth2(Tokens.of("supervisor").teams().departments(department).sign())
                .queryParam("ticketId", ticketId).get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(6));
        given().auth().oauth2(Tokens.of("supervisor").teams().departments(unique("dept")).sign())
                .queryParam("ticketId", ticketId).get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aRetractionBeforeTheBreachAlertWentOutCancelsItAndSendsNoCorrection() {
        String team = unique("team");
        // in quiet hours for the next hour: the breach alert waits
        LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String agent = person(Map.of("quietHours", Map.of("start", now.minusHours(1).toString(),
                "end", now.plusHours(1).toString())));
        String lead = person(Map.of("leadsTeams", List.of(team)));
        TicketFacts ticket = ticket(team, agent, unique("dept"), Priority.NORMAL);
        SlaClockFacts clockFacts = clock(ticket, "FIRST_RESPONSE");
        Instant due = clock.now();
        KafkaTestSupport.send(cloudEvent(breached(clockFacts, due), due));
        await().atMost(DEADLINE).until(() -> mails(lead).size() == 1);
        assertEquals("PENDING", alertList(agent).get(0).get("state"));

        KafkaTestSupport.send(cloudEvent(retracted(clockFacts, due.minusSeconds(10)), clock.now()));
        await().atMost(DEADLINE).until(() -> mails(lead).size() == 2);
        await().atMost(DEADLINE).until(() -> "CANCELLED".equals(alertList(agent).get(0).get("state")));
        assertEquals(1, alertList(agent).size(), "no correction of what was never sent");
        assertEquals(List.of(), mails(agent));
    }

    @Test
    void anAlertInQuietHoursWaitsUntilTheyEnd() {
        LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        QuietHours quiet = new QuietHours(now.minusHours(1), now.plusMinutes(3));
        String agent = person(Map.of("timeZone", "UTC",
                "quietHours", Map.of("start", quiet.start().toString(), "end", quiet.end().toString())));
        Instant end = quiet.endAfter(clock.instant(), ZoneOffset.UTC).orElseThrow();
        TicketFacts ticket = ticket(unique("team"), agent, unique("dept"), Priority.NORMAL);
        KafkaTestSupport.send(cloudEvent(warning(clock(ticket, "FIRST_RESPONSE"), 75, end.plus(Duration.ofHours(1))),
                clock.now()));

        await().atMost(DEADLINE).until(() -> {
            List<Map<String, Object>> alerts = alertList(agent);
            return alerts.size() == 1 && end.toString().equals(alerts.get(0).get("nextAttemptAt"));
        });
        assertEquals("PENDING", alertList(agent).get(0).get("state"));
        assertEquals(List.of(), mails(agent), "nothing during quiet hours");

        clock.advance(Duration.ofMinutes(4));
        await().atMost(DEADLINE).until(() -> mails(agent).size() == 1);
        Map<String, Object> sent = alertList(agent).get(0);
        assertEquals("SENT", sent.get("state"));
        assertTrue(!Instant.parse((String) sent.get("sentAt")).isBefore(end), "sent after the quiet hours: " + sent);
    }

    @Test
    void aBurstBeyondTheMailsAMinuteArrivesAsThatManyMailsAndOneSummary() {
        String agent = person();
        TicketFacts ticket = ticket(unique("team"), agent, unique("dept"), Priority.URGENT);
        Instant due = clock.now().plus(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            KafkaTestSupport.send(cloudEvent(warning(clock(ticket, "FIRST_RESPONSE"), 75, due.plusSeconds(i)), clock.now()));
        }

        await().atMost(DEADLINE).until(() -> mails(agent).size() == 3
                && alertList(agent).stream().filter(a -> "DIGESTED".equals(a.get("state"))).count() == 2);
        assertEquals(3, mails(agent).size(), "the summary waits for the minute to pass");

        clock.advance(Duration.ofSeconds(61));
        await().atMost(DEADLINE).until(() -> mails(agent).size() == 4);
        Mailbox.Mail summary = mails(agent).get(3);
        assertEquals("2 more alerts", summary.subject());
        assertEquals(2, summary.text().lines().filter(l -> l.startsWith("- Ticket " + ticket.ticketId())).count(),
                summary.text());
        List<Map<String, Object>> alerts = alertList(agent);
        assertTrue(alerts.stream().allMatch(a -> "SENT".equals(a.get("state"))), alerts.toString());
        assertEquals(2, alerts.stream().filter(a -> Boolean.TRUE.equals(a.get("inDigest"))).count());
    }

    @Test
    void aChatWebhookGetsTheAlertAsTextAndAFailedPostIsRetried() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hooks/team", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(requests.incrementAndGet() == 1 ? 503 : 200, -1);
            exchange.close();
        });
        chat.start();
        try {
            String team = unique("team");
            String lead = person(Map.of("leadsTeams", List.of(team),
                    "chatWebhook", "http://127.0.0.1:" + chat.getAddress().getPort() + "/hooks/team"));
            TicketFacts ticket = ticket(team, unique("agent"), unique("dept"), Priority.HIGH);
            KafkaTestSupport.send(cloudEvent(warning(clock(ticket, "RESOLUTION"), 90, clock.now().plusSeconds(600)),
                    clock.now()));

            await().atMost(DEADLINE).until(() -> alertList(lead).stream()
                    .anyMatch(a -> "CHAT".equals(a.get("channel")) && "SENT".equals(a.get("state"))));
            assertEquals(2, bodies.size(), "a 503, then the retry: " + bodies);
            JsonNode post = JSON.readTree(bodies.get(1));
            assertTrue(post.get("text").asText().startsWith("Ticket " + ticket.ticketId() + ": resolution 90% used"),
                    post.toString());
            Map<String, Object> alert = alertList(lead).stream().filter(a -> "CHAT".equals(a.get("channel"))).findFirst()
                    .orElseThrow();
            assertEquals(2, alert.get("attempts"));
            await().atMost(DEADLINE).until(() -> mails(lead).size() == 1);
        } finally {
            chat.stop(0);
        }
    }

    @Test
    void anUnsatisfiedSurveyTellsTheTeamLeadAndASatisfiedOneNobody() {
        String team = unique("team");
        String lead = person(Map.of("leadsTeams", List.of(team)));
        TicketFacts ticket = ticket(team, unique("agent"), unique("dept"), Priority.NORMAL);
        // the same key: the satisfied answer is read before the unsatisfied one
        KafkaTestSupport.send(cloudEvent(survey(ticket, false), clock.now()), cloudEvent(survey(ticket, true), clock.now()));

        await().atMost(DEADLINE).until(() -> mails(lead).size() == 1);
        assertEquals("Ticket " + ticket.ticketId() + ": the customer is unsatisfied", mails(lead).get(0).subject());
        assertEquals(1, alertList(lead).size());
    }

    @Test
    void aDisabledWebhookEndpointIsToldToTheSubscriptionsOwner() {
        String owner = person(Map.of("language", "zh-CN"));
        UUID subscription = UUID.randomUUID();
        Instant disabledAt = clock.now();
        KafkaTestSupport.send(cloudEvent(new WebhookEndpointDisabled(subscription, owner, "crm.example",
                disabledAt.minus(Duration.ofDays(3)), disabledAt, "answered 503"), disabledAt));

        await().atMost(DEADLINE).until(() -> mails(owner).size() == 1);
        assertEquals("Webhook 端点 crm.example 已停用", mails(owner).get(0).subject());
        Map<String, Object> alert = alertList(owner).get(0);
        assertEquals("seed-webhook-endpoint-disabled", alert.get("ruleId"));
        assertEquals("webhook.endpoint-disabled", alert.get("causeType"));
    }

    private boolean knows(TicketFacts ticket) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                        "select 1 from alert_ticket where ticket_id = ?1 and department is not null")
                .setParameter(1, ticket.ticketId().toString()).getResultList().isEmpty());
    }
}
