package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.stream.Collectors;

import static io.pledge.e2e.LocalPlatform.Service.SLA;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Breaches are announced by whichever sla-service replica's alarm scan gets the clock first:
 * with two replicas, and one of them crashing and coming back mid-run, every breach is announced
 * exactly once.
 */
class SlaReplicasIT {

    private static final int TICKETS = 12;

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void twoReplicasAnnounceEveryBreachOnceAndACrashedReplicaMissesNone() throws InterruptedException {
        Process second = LocalPlatform.startReplica(SLA, 18092);
        String team = "replicas-" + UUID.randomUUID();
        // Calls reported 15 s after they were offered: each first-response clock (30 s) falls due
        // about 15 s from now, while both replicas are scanning.
        Instant offered = Instant.now().minusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            for (int i = 0; i < TICKETS; i++) {
                ids.add(Tickets.openedAt("PHONE", "INQUIRY", team, offered));
            }
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        SLA.as("agent").get("/api/v1/tickets/" + id + "/sla").then().statusCode(200));
            }

            second.destroyForcibly(); // a crash, mid-run, before the clocks fall due
            second.waitFor(30, TimeUnit.SECONDS);
            LocalPlatform.startReplica(SLA, 18092);

            Set<String> expected = Set.copyOf(ids);
            sla.awaitAtLeast(TICKETS, Duration.ofSeconds(90),
                    r -> expected.contains(r.key()) && "sla.breached".equals(header(r, "ce_type")));
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SLA.as("agent")
                        .get("/api/v1/tickets/" + id + "/sla").then()
                        .body("clocks.find { it.metric == 'FIRST_RESPONSE' }.state", org.hamcrest.Matchers.equalTo("BREACHED")));
            }
            Map<String, Long> breachesPerTicket = sla.records(
                            r -> expected.contains(r.key()) && "sla.breached".equals(header(r, "ce_type")))
                    .stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(expected, breachesPerTicket.keySet());
            breachesPerTicket.forEach((ticket, count) -> assertEquals(1L, count, "breaches announced for " + ticket));
        }
    }
}
