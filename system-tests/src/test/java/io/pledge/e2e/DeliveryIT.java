package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.pledge.e2e.LocalPlatform.Service.SLA;
import static io.pledge.e2e.LocalPlatform.Service.SURVEY;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Redelivered and poison records, as the four consumers of pledge.tickets see them. */
class DeliveryIT {

    /** sla, complaint, survey and kpi each read pledge.tickets in their own consumer group. */
    private static final int CONSUMERS_OF_TICKETS = 4;

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    private static TicketOpened ticketFor(String team) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), "E2E-CUSTOMER", Channel.EMAIL, Category.INQUIRY,
                Priority.NORMAL, TicketStatus.OPEN, team, null, null), null, "e2e", List.of(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), null);
    }

    private static ProducerRecord<String, byte[]> malformed(String key) {
        return new ProducerRecord<>(Topics.TICKETS, key, "{\"this is\": not a CloudEvent".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameTicketOpenedDeliveredTwiceStartsEachSlaClockOnceAndCountsOnce() {
        String team = "twice-" + UUID.randomUUID();
        TicketOpened opened = ticketFor(team);
        ProducerRecord<String, byte[]> event = cloudEvent(opened, opened.openedAt());
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            // Records of one key are applied in order: once every consumer has dead-lettered the
            // trailing malformed record, each has handled both copies of the event.
            KafkaTestSupport.send(event, event, malformed(opened.subject()));
            dlq.awaitAtLeast(CONSUMERS_OF_TICKETS, Duration.ofSeconds(60), r -> opened.subject().equals(r.key()));
        }
        // one clock per promised metric (first response, resolution), not one more
        SLA.as("agent").get("/api/v1/tickets/" + opened.ticket().ticketId() + "/sla").then().statusCode(200)
                .body("clocks", hasSize(2));
        assertEquals(1, Tickets.countedFor(team));
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextValidEventIsProcessed() {
        String key = UUID.randomUUID().toString();
        TicketOpened next = ticketFor("after-poison-" + UUID.randomUUID());
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.send(malformed(key), cloudEvent(next, next.openedAt()));

            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitAtLeast(CONSUMERS_OF_TICKETS, Duration.ofSeconds(60),
                    r -> key.equals(r.key()));
            for (ConsumerRecord<String, byte[]> record : dead) {
                assertNotNull(header(record, "dead-letter-reason"));
                assertEquals(Topics.TICKETS, header(record, "dead-letter-topic"));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                SLA.as("agent").get("/api/v1/tickets/" + next.ticket().ticketId() + "/sla").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                SURVEY.as("agent").get("/api/v1/tickets/" + next.ticket().ticketId() + "/survey").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).until(() -> Tickets.countedFor(next.ticket().team()) == 1);
    }
}
