package io.pledge.e2e;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.pledge.e2e.LocalPlatform.Service.NOTIFY;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook deliveries survive a crash of notify-service: the schedule of retries lives in the
 * database, so the restarted process (or, after the lease, any replica) carries on where the dead
 * one stopped, and a receiver that was away the whole time gets every event, each once. Runs
 * notify-service alone, fed straight from Kafka, against a real receiver that verifies the
 * Standard Webhooks signatures.
 */
class WebhookRestartIT {

    private static final int EVENTS = 30;

    /**
     * Twenty attempts a second apart (instead of production's day): enough for the receiver to be
     * away over a kill and a restart. A lease of 3 s (instead of a minute): what the killed process
     * had claimed is taken over soon after the restart.
     */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Map<String, String> SETTINGS = Map.of(
            "NOTIFY_WEBHOOKS_RETRY_SCHEDULE", "PT0S" + ",PT1S".repeat(19),
            "NOTIFY_WEBHOOKS_LEASE", LEASE.toString());

    private Process notify;
    private String subscription;

    @AfterEach
    void stopNotify() throws InterruptedException {
        if (notify != null && notify.isAlive()) {
            if (subscription != null) {
                // so that what a failed run left does not keep retrying in the next ones
                NOTIFY.as("admin").delete("/api/v1/webhooks/" + subscription);
            }
            notify.destroy();
            if (!notify.waitFor(30, TimeUnit.SECONDS)) {
                notify.destroyForcibly();
            }
        }
    }

    @Test
    void aReceiverDownWhileTheServiceIsKilledAndRestartedGetsEveryEventAfterwardsNoneTwice() throws Exception {
        notify = LocalPlatform.startAlone(NOTIFY, SETTINGS);
        try (WebhookReceiver.ReservedPort port = new WebhookReceiver.ReservedPort()) {
            String team = "restart-" + UUID.randomUUID();
            Response created = NOTIFY.as("admin").contentType(ContentType.JSON)
                    .body(Map.of("url", port.url(), "eventTypes", List.of("ticket.*"), "team", team,
                            "description", "WebhookRestartIT"))
                    .post("/api/v1/webhooks");
            created.then().statusCode(201).body("secret", startsWith("whsec_"));
            subscription = created.path("id");
            String secret = created.path("secret");

            // one ticket per event: thirty lanes, none waiting behind another
            List<String> eventIds = new ArrayList<>();
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < EVENTS; i++) {
                String eventId = UUID.randomUUID().toString();
                eventIds.add(eventId);
                records.add(cloudEvent(opened(team, at), eventId, at));
            }
            KafkaTestSupport.send(records.toArray(ProducerRecord[]::new));

            // the receiver refuses connections: every delivery is scheduled and failing
            await("every delivery failing").atMost(Duration.ofSeconds(60)).until(() -> {
                List<Map<String, Object>> deliveries = deliveries();
                return deliveries.size() == EVENTS && deliveries.stream().allMatch(d ->
                        !"DELIVERED".equals(d.get("state")) && !((List<?>) d.get("attemptLog")).isEmpty());
            });

            notify.destroyForcibly(); // kill -9: no shutdown, whatever was claimed or half-consumed stays so
            assertTrue(notify.waitFor(30, TimeUnit.SECONDS), "notify-service was killed");
            notify = LocalPlatform.startAlone(NOTIFY, SETTINGS);

            try (WebhookReceiver receiver = port.listen(secret)) {
                await("every event at the receiver").atMost(Duration.ofSeconds(60))
                        .until(() -> eventIds.stream().allMatch(id -> receiver.timesReceived(id) > 0));
                await("every delivery recorded as delivered").atMost(Duration.ofSeconds(30))
                        .until(() -> deliveries().stream().allMatch(d -> "DELIVERED".equals(d.get("state"))));
                // and nothing more comes for longer than a lease: no claim is taken over and sent again
                await("no repeat").during(LEASE.plusSeconds(1)).atMost(LEASE.plusSeconds(10))
                        .until(() -> receiver.requests() == EVENTS);

                assertEquals(0, receiver.unverified(), "every delivery's signature verifies");
                assertEquals(eventIds.stream().collect(Collectors.toMap(Function.identity(), id -> 1)),
                        receiver.receivedById(), "each event arrived once by webhook-id, and nothing else");
            }

            List<Map<String, Object>> deliveries = deliveries();
            assertEquals(Set.copyOf(eventIds), deliveries.stream().map(d -> (String) d.get("eventId")).collect(Collectors.toSet()));
            for (Map<String, Object> delivery : deliveries) {
                List<Map<String, Object>> attempts = attempts(delivery);
                assertEquals(attempts.size(), delivery.get("attempts"), "every attempt logged: " + delivery);
                assertEquals(1, attempts.stream().filter(WebhookRestartIT::succeeded).count(),
                        "one successful attempt: " + delivery);
                assertTrue(succeeded(attempts.get(attempts.size() - 1)), "the last attempt succeeded: " + delivery);
                assertTrue(attempts.size() > 1, "failed while the receiver was down: " + delivery);
                attempts.subList(0, attempts.size() - 1).forEach(failed ->
                        assertNull(failed.get("status"), "refused, no answer: " + failed));
            }
            NOTIFY.as("admin").get("/api/v1/webhooks/" + subscription).then().statusCode(200)
                    .body("state", equalTo("ACTIVE"));
        }
    }

    /** The subscription's delivery log, all of it (newest first). */
    private List<Map<String, Object>> deliveries() {
        Response page = NOTIFY.as("admin").queryParam("limit", 200)
                .get("/api/v1/webhooks/" + subscription + "/deliveries");
        page.then().statusCode(200);
        assertNull(page.path("nextCursor"), "one page holds them all");
        return page.path("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
        return (List<Map<String, Object>>) delivery.get("attemptLog");
    }

    private static boolean succeeded(Map<String, Object> attempt) {
        Object status = attempt.get("status");
        return status != null && ((Integer) status) / 100 == 2;
    }

    private static TicketOpened opened(String team, Instant at) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), "E2E-" + team, Channel.EMAIL, Category.INQUIRY,
                Priority.NORMAL, TicketStatus.OPEN, team, null, null), null, "e2e", List.of(), at, null);
    }
}
