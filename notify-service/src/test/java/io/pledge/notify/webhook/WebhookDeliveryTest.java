package io.pledge.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.contracts.EventType;
import io.pledge.contracts.Topics;
import io.pledge.contracts.survey.SurveyLinkIssued;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook deliveries against the real broker, the real database and real HTTP receivers that
 * verify the Standard Webhooks signature with the library. Each test subscribes to a team of its
 * own, so tests see only their own events, in any order. The test profile's retry schedule is
 * 0 s, 0.5 s, 1 s, 2 s (application.properties).
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern DISABLED_GAUGE = Pattern.compile(
            "^pledge_webhook_subscriptions_disabled(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);

    @Inject
    EntityManager em;

    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @Test
    void aDeliveryIsASignedStructuredCloudEventThatTheReceiverVerifies() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> 200)) {
            String team = team();
            receiver.trusting(subscribe(receiver, team, List.of("ticket.*"), false).secret());
            String eventId = UUID.randomUUID().toString();
            UUID ticket = UUID.randomUUID();
            KafkaTestSupport.send(cloudEvent(opened(ticket, team), eventId, now()));

            await().atMost(DEADLINE).until(() -> receiver.timesReceived(eventId) == 1);
            Receiver.Received got = receiver.received().get(0);
            assertTrue(got.verified(), "the signature verifies with the subscription's secret");
            assertTrue(got.contentType().startsWith("application/cloudevents+json"));
            JsonNode body = JSON.readTree(got.body());
            assertEquals(eventId, body.get("id").asText());
            assertEquals("ticket.opened", body.get("type").asText());
            assertEquals(ticket.toString(), body.get("subject").asText());
            assertEquals("1.0", body.get("specversion").asText());
            assertEquals(ticket.toString(), body.at("/data/ticket/ticketId").asText());
        }
    }

    @Test
    void aReceiverAnswering503TwiceGetsTheEventThreeTimesThenNoMore() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> n <= 2 ? 503 : 200)) {
            String team = team();
            Created sub = subscribe(receiver, team, List.of("ticket.opened"), false);
            receiver.trusting(sub.secret());
            String eventId = UUID.randomUUID().toString();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), eventId, now()));

            await().atMost(DEADLINE).until(() -> "DELIVERED".equals(onlyDelivery(sub).path("state").asText()));
            JsonNode delivery = onlyDelivery(sub);
            assertEquals(3, delivery.get("attempts").asInt());
            assertEquals(3, receiver.timesReceived(eventId), "once more per 503, and once for the 200");
            List<Integer> statuses = new ArrayList<>();
            delivery.get("attemptLog").forEach(a -> statuses.add(a.get("status").asInt()));
            assertEquals(List.of(503, 503, 200), statuses);
            assertEquals("answer 3", delivery.at("/attemptLog/2/answer").asText());
            assertTrue(receiver.received().stream().allMatch(Receiver.Received::verified));
        }
    }

    @Test
    void a410IsFinal() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> 410)) {
            String team = team();
            Created sub = subscribe(receiver, team, List.of("ticket.*"), false);
            String eventId = UUID.randomUUID().toString();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), eventId, now()));

            await().atMost(DEADLINE).until(() -> "FAILED".equals(onlyDelivery(sub).path("state").asText()));
            JsonNode delivery = onlyDelivery(sub);
            assertEquals(1, delivery.get("attempts").asInt());
            assertTrue(delivery.get("nextAttemptAt") == null || delivery.get("nextAttemptAt").isNull());
            assertEquals(1, receiver.timesReceived(eventId));
        }
    }

    @Test
    void aSlowReceiverDoesNotDelayAnother() throws Exception {
        try (Receiver slow = Receiver.slow(Duration.ofMillis(1500)); Receiver fast = Receiver.answering(n -> 200)) {
            String team = team();
            subscribe(slow, team, List.of("ticket.*"), false);
            subscribe(fast, team, List.of("ticket.*"), false);
            int events = 48; // three times the slow one's slots (max-in-flight-per-subscription 16)
            List<org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                records.add(cloudEvent(opened(UUID.randomUUID(), team), now()));
            }
            KafkaTestSupport.send(records.toArray(org.apache.kafka.clients.producer.ProducerRecord[]::new));

            await().atMost(DEADLINE).until(() -> fast.requests() == events);
            assertTrue(slow.requests() < events, "the fast receiver had everything while the slow one still waited "
                    + "(" + slow.requests() + " of " + events + ")");
            await().atMost(DEADLINE).until(() -> slow.requests() == events);
        }
    }

    @Test
    void aTicketsEventsArriveInOrderWhileTheFirstIsRetried() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> n == 1 ? 503 : 200)) {
            String team = team();
            Created sub = subscribe(receiver, team, List.of("ticket.*"), false);
            UUID ticket = UUID.randomUUID();
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            Instant at = now();
            KafkaTestSupport.send(cloudEvent(opened(ticket, team), first, at),
                    cloudEvent(new TicketAssigned(facts(ticket, team, "agent-2"), team, "agent-1", null, false, at.plusSeconds(1)),
                            second, at.plusSeconds(1)));

            await().atMost(DEADLINE).until(() -> receiver.timesReceived(second) == 1);
            List<String> order = receiver.received().stream().map(Receiver.Received::webhookId).toList();
            assertEquals(List.of(first, first, second), order, "the second waited for the first's retry");
            assertEquals(2, deliveries(sub).size());
        }
    }

    @Test
    void aSurveyAnnouncementIsDeliveredWithItsLinkWhicheverArrivesFirst() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> 200)) {
            String team = team();
            subscribe(receiver, team, List.of("survey.sent"), false);
            UUID ticket = UUID.randomUUID();
            UUID survey = UUID.randomUUID();
            String announcement = UUID.randomUUID().toString();
            Instant at = now();
            URI link = URI.create("https://pledge.example.com/s/" + UUID.randomUUID());
            // the link first: the announcement is delivered only once both are here
            KafkaTestSupport.send(cloudEvent(new SurveyLinkIssued(survey, facts(ticket, team, null), "survey.sent",
                    UUID.fromString(announcement), link, at.plus(Duration.ofDays(7))), at));
            KafkaTestSupport.send(cloudEvent(new SurveySent(survey, facts(ticket, team, null), "TICKET_RESOLVED", null,
                    "seed-default", null, at, at.plus(Duration.ofDays(7))), announcement, at));

            await().atMost(DEADLINE).until(() -> receiver.timesReceived(announcement) == 1);
            JsonNode body = JSON.readTree(receiver.received().get(0).body());
            assertEquals("survey.sent", body.get("type").asText());
            assertEquals(link.toString(), body.at("/data/link").asText());
            assertEquals("C-" + ticket, body.at("/data/ticket/customerId").asText());
            assertEquals(1, receiver.requests(), "the link event itself is never delivered");
        }
    }

    @Test
    void aReplaySendsAgainWhatTheSubscriptionMatchedAndARedeliveryOneDelivery() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> 200)) {
            String team = team();
            Created sub = subscribe(receiver, team, List.of("ticket.opened"), false);
            String eventId = UUID.randomUUID().toString();
            Instant at = now();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), eventId, at));
            await().atMost(DEADLINE).until(() -> receiver.timesReceived(eventId) == 1);

            long delivery = onlyDelivery(sub).get("id").asLong();
            admin().post("/api/v1/webhooks/" + sub.id() + "/deliveries/" + delivery + "/redelivery")
                    .then().statusCode(202).body("cause", equalTo("REDELIVERY"));
            await().atMost(DEADLINE).until(() -> receiver.timesReceived(eventId) == 2);

            admin().queryParam("from", at.minusSeconds(60).toString()).queryParam("to", at.plusSeconds(60).toString())
                    .post("/api/v1/webhooks/" + sub.id() + "/replay")
                    .then().statusCode(202).body("scheduled", equalTo(1));
            await().atMost(DEADLINE).until(() -> receiver.timesReceived(eventId) == 3);
            assertTrue(receiver.received().stream().allMatch(r -> r.webhookId().equals(eventId)),
                    "the same webhook-id each time: a receiver that already has it drops it");
        }
    }

    @Test
    void anIntegrationsSubscriptionReceivesOnlyItsOwnTickets() throws Exception {
        try (Receiver receiver = Receiver.answering(n -> 200)) {
            String team = team();
            String crm = "crm-" + UUID.randomUUID().toString().substring(0, 8);
            String token = Tokens.of("integration").subject(crm).client(crm).sign();
            Response created = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.*"), "team", team))
                    .post("/api/v1/webhooks");
            created.then().statusCode(201).body("sourceSystem", equalTo(crm)).body("ownerClient", equalTo(crm));
            String id = created.path("id");
            String own = UUID.randomUUID().toString();
            String foreign = UUID.randomUUID().toString();
            Instant at = now();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team, "another-crm"), foreign, at),
                    cloudEvent(opened(UUID.randomUUID(), team, crm), own, at));

            await().atMost(DEADLINE).until(() -> receiver.timesReceived(own) == 1);
            assertEquals(0, receiver.timesReceived(foreign));
            // another client sees nothing of it
            String other = Tokens.of("integration").subject("other").client("other-crm").sign();
            given().auth().oauth2(other).get("/api/v1/webhooks/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.*"), "sourceSystem", "another-crm"))
                    .post("/api/v1/webhooks").then().statusCode(422).contentType("application/problem+json");
        }
    }

    @Test
    void aSubscriptionIsRefusedAClearProblemForBadInput() {
        admin().body(Map.of("url", "http://10.1.2.3/hook", "eventTypes", List.of("ticket.*")))
                .post("/api/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("url: the host 10.1.2.3 is an internal address"));
        admin().body(Map.of("url", "http://127.0.0.1:1/hook", "eventTypes", List.of("ticket.everything")))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("detail", startsWith("eventTypes: not an event type that can be subscribed to: ticket.everything"));
        admin().body(Map.of("url", "ftp://127.0.0.1/hook", "eventTypes", List.of("ticket.*")))
                .post("/api/v1/webhooks").then().statusCode(422);
        admin().body(Map.of("eventTypes", List.of("ticket.*")))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("agent")).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:1/hook", "eventTypes", List.of("ticket.*")))
                .post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");
        admin().get("/api/v1/webhooks/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aRotationSignsWithBothSecretsDuringTheOverlap() throws Exception {
        try (Receiver oldSecret = Receiver.answering(n -> 200)) {
            String team = team();
            Created sub = subscribe(oldSecret, team, List.of("ticket.*"), false);
            oldSecret.trusting(sub.secret());
            String rotated = admin().post("/api/v1/webhooks/" + sub.id() + "/secret-rotation")
                    .then().statusCode(200).extract().path("secret");
            assertFalse(rotated.equals(sub.secret()));
            String eventId = UUID.randomUUID().toString();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), eventId, now()));
            await().atMost(DEADLINE).until(() -> oldSecret.timesReceived(eventId) == 1);
            assertTrue(oldSecret.received().get(0).verified(), "a receiver still on the old secret verifies");
            // and one that switched verifies too: the header holds a signature by each
            oldSecret.trusting(rotated);
            admin().post("/api/v1/webhooks/" + sub.id() + "/deliveries/" + onlyDelivery(sub).get("id").asLong()
                    + "/redelivery").then().statusCode(202);
            await().atMost(DEADLINE).until(() -> oldSecret.timesReceived(eventId) == 2);
            assertTrue(oldSecret.received().get(1).verified());
            admin().get("/api/v1/webhooks/" + sub.id()).then().statusCode(200)
                    .body("secret", equalTo(null)).body("previousSecretValidUntil", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void aClaimWhoseReplicaStoppedIsLoggedAsUnansweredAndSentAgain() throws Exception {
        AtomicBoolean receiverBack = new AtomicBoolean();
        try (Receiver receiver = Receiver.answering(n -> receiverBack.get() ? 200 : 503)) {
            String team = team();
            Created sub = subscribe(receiver, team, List.of("ticket.*"), false);
            String eventId = UUID.randomUUID().toString();
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), eventId, now()));
            await().atMost(DEADLINE).until(() -> onlyDelivery(sub).path("attemptLog").size() >= 1);

            // between two attempts, a replica claims it and dies before it writes down an answer
            long delivery = onlyDelivery(sub).get("id").asLong();
            await().atMost(DEADLINE).until(() -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                            update webhook_delivery set state = 'SENDING', attempts = attempts + 1,
                                lease_until = now() - interval '1 second'
                            where id = ?1 and state = 'PENDING'""").setParameter(1, delivery).executeUpdate()) == 1);
            receiverBack.set(true);

            await().atMost(DEADLINE).until(() -> "DELIVERED".equals(onlyDelivery(sub).path("state").asText()));
            JsonNode delivered = onlyDelivery(sub);
            List<String> errors = new ArrayList<>();
            delivered.get("attemptLog").forEach(a -> errors.add(a.path("error").asText(null)));
            assertEquals(delivered.get("attempts").asInt(), errors.size(), "every attempt logged, the dead one too");
            assertEquals(1, errors.stream().filter(DeliveryLoop.UNANSWERED_CLAIM::equals).count(), errors.toString());
            assertEquals(null, errors.get(errors.size() - 1), "the last attempt succeeded");
            assertEquals(200, delivered.at("/attemptLog/" + (errors.size() - 1) + "/status").asInt());
        }
    }

    @Test
    void anEndpointFailingForTooLongIsDisabledAndItsOwnerTold() throws Exception {
        try (KafkaTestSupport.TopicReader notifications = KafkaTestSupport.readFromNowOn(Topics.NOTIFICATIONS);
             Receiver dead = Receiver.answering(n -> 503)) {
            String team = team();
            Created sub = subscribe(dead, team, List.of("ticket.*"), false);
            // the test profile disables after 2 s of failures; each event is retried for 3.5 s
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), now()));
            await().atMost(DEADLINE).until(() -> "DISABLED".equals(admin().get("/api/v1/webhooks/" + sub.id()).path("state")));
            var disabled = notifications.awaitAtLeast(1, DEADLINE, r -> sub.id().equals(r.key())
                    && EventType.WEBHOOK_ENDPOINT_DISABLED.type().equals(KafkaTestSupport.header(r, "ce_type"))).get(0);
            JsonNode data = JSON.readTree(disabled.value());
            assertEquals("admin-webhooks", data.get("ownerRecipientId").asText());
            assertEquals("127.0.0.1", data.get("host").asText());
            admin().get("/api/v1/webhooks/" + sub.id()).then().body("lastError", equalTo("HTTP 503"));
        }
    }

    @Test
    void theDisabledGaugeCountsAnEndpointDisabledForFailingUntilItIsTurnedOnAgainButNotOnePausedByItsOwner() throws Exception {
        try (Receiver dead = Receiver.answering(n -> 503); Receiver alive = Receiver.answering(n -> 200)) {
            double before = disabledGauge();
            String team = team();
            Created failing = subscribe(dead, team, List.of("ticket.*"), false);
            KafkaTestSupport.send(cloudEvent(opened(UUID.randomUUID(), team), now()));
            await().atMost(DEADLINE).until(() -> "DISABLED".equals(admin().get("/api/v1/webhooks/" + failing.id()).path("state")));
            double disabled = disabledGauge();
            assertTrue(disabled >= before + 1, "disabled gauge " + disabled + ", was " + before);

            String otherTeam = team();
            Created paused = subscribe(alive, otherTeam, List.of("ticket.*"), false);
            changeState(paused, alive, otherTeam, "DISABLED");
            assertEquals(disabled, disabledGauge(), "a subscription its owner paused is not counted");
            // turned on again: failures count afresh, so the 2 s of the test profile pass before it could be disabled again
            changeState(failing, dead, team, "ACTIVE");
            assertEquals(disabled - 1, disabledGauge(), "turned on again, it is no longer counted");
            admin().delete("/api/v1/webhooks/" + failing.id()).then().statusCode(204);
            admin().delete("/api/v1/webhooks/" + paused.id()).then().statusCode(204);
        }
    }

    // --- fixtures --------------------------------------------------------------------------------

    record Created(String id, String secret) {
    }

    private static Created subscribe(Receiver receiver, String team, List<String> types, boolean unordered) {
        Response answer = admin().body(Map.of("url", receiver.url(), "eventTypes", types, "team", team,
                        "unordered", unordered, "contact", "admin-webhooks", "description", "test receiver"))
                .post("/api/v1/webhooks");
        answer.then().statusCode(201).body("secret", startsWith("whsec_")).body("state", equalTo("ACTIVE"));
        return new Created(answer.path("id"), answer.path("secret"));
    }

    private static void changeState(Created sub, Receiver receiver, String team, String state) {
        admin().body(Map.of("url", receiver.url(), "eventTypes", List.of("ticket.*"), "team", team, "contact", "admin-webhooks",
                "state", state)).put("/api/v1/webhooks/" + sub.id()).then().statusCode(200).body("state", equalTo(state));
    }

    /** pledge_webhook_subscriptions_disabled as Prometheus scrapes it from the management interface. */
    private double disabledGauge() throws Exception {
        String metrics = given().get(new URL(managementRoot, "metrics")).then().statusCode(200).extract().asString();
        Matcher m = DISABLED_GAUGE.matcher(metrics);
        assertTrue(m.find(), "no pledge_webhook_subscriptions_disabled on /q/metrics");
        return Double.parseDouble(m.group(1));
    }

    private static List<JsonNode> deliveries(Created sub) throws Exception {
        JsonNode page = JSON.readTree(admin().get("/api/v1/webhooks/" + sub.id() + "/deliveries").asString());
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private static JsonNode onlyDelivery(Created sub) throws Exception {
        List<JsonNode> items = deliveries(sub);
        return items.isEmpty() ? JSON.createObjectNode() : items.get(items.size() - 1);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.withRoles("admin")).contentType(ContentType.JSON);
    }

    private static String team() {
        return "team-" + UUID.randomUUID();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static TicketFacts facts(UUID ticket, String team, String agent) {
        return new TicketFacts(ticket, "C-" + ticket, Channel.EMAIL, Category.FAULT, Priority.NORMAL, TicketStatus.OPEN,
                team, agent, "dept-1");
    }

    private static TicketOpened opened(UUID ticket, String team) {
        return opened(ticket, team, Tokens.CLIENT);
    }

    private static TicketOpened opened(UUID ticket, String team, String sourceSystem) {
        return new TicketOpened(facts(ticket, team, "agent-1"), "GOLD", sourceSystem, List.of(), now(), null);
    }
}
