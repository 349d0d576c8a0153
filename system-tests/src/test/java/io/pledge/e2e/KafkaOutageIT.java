package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox at work: tickets keep being accepted while the broker is down for about 20 s, and
 * once it is back every one of them is published and counted exactly once.
 */
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void everyTicketOpenedDuringABrokerOutageArrivesOnce() {
        String team = "outage-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            ids.add(Tickets.open("PHONE", "INQUIRY", team));
            ids.add(Tickets.open("EMAIL", "FAULT", team));

            LocalPlatform.kafka("stop");
            long down = System.nanoTime();
            try {
                assertFalse(LocalPlatform.kafkaAnswers(), "the broker is really down (not one kafka.sh does not manage)");
                // Keep opening tickets, one every 250 ms, until the broker has been down ~20 s.
                await().atMost(OUTAGE.plusSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            ids.add(Tickets.open("WEB", "INQUIRY", team));
                            return Duration.ofNanos(System.nanoTime() - down).compareTo(OUTAGE) >= 0;
                        });
            } finally {
                LocalPlatform.kafka("start");
            }
            ids.add(Tickets.open("CHAT", "SUGGESTION", team));
            assertTrue(ids.size() > 20, "tickets were accepted while Kafka was down: " + ids.size());

            Set<String> expected = Set.copyOf(ids);
            List<ConsumerRecord<String, byte[]>> opened = tickets.awaitAtLeast(expected.size(), Duration.ofSeconds(90),
                    r -> expected.contains(r.key()) && "ticket.opened".equals(header(r, "ce_type")));
            Map<String, Set<String>> eventIdsPerTicket = opened.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(r -> header(r, "ce_id"), Collectors.toSet())));
            assertEquals(expected, eventIdsPerTicket.keySet(), "every ticket's ticket.opened was published");
            eventIdsPerTicket.forEach((ticket, eventIds) ->
                    assertEquals(1, eventIds.size(), "one ticket.opened event for " + ticket));
        }
        // ...and applied once downstream: kpi-service counts each ticket exactly once.
        await().atMost(Duration.ofSeconds(60)).until(() -> Tickets.countedFor(team) >= ids.size());
        assertEquals(ids.size(), Tickets.countedFor(team));
    }
}
