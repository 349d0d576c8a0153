package io.pledge.sla.clock;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class TicketEventsHandlerTest {

    private static TicketOpened ticket(Channel channel, Priority priority, Instant openedAt) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), "CRM-C-9", channel, Category.INQUIRY, priority,
                TicketStatus.OPEN, "front-desk", null, null), null, "crm", List.of(), openedAt, null);
    }

    private static io.restassured.response.ValidatableResponse clocksOf(UUID ticketId) {
        return given().auth().oauth2(Tokens.withRoles("agent"))
                .get("/api/v1/tickets/" + ticketId + "/sla").then();
    }

    @Test
    void ticketOpenedStartsAFirstResponseClockFromItsEventTime() {
        Instant openedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        TicketOpened opened = ticket(Channel.EMAIL, Priority.NORMAL, openedAt);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            KafkaTestSupport.send(cloudEvent(opened, openedAt));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clocksOf(opened.ticket().ticketId()).statusCode(200));
            clocksOf(opened.ticket().ticketId())
                    .body("clocks.metric", equalTo(List.of("FIRST_RESPONSE", "RESOLUTION")))
                    .body("clocks[0].state", equalTo("RUNNING"))
                    .body("clocks[0].policyId", equalTo("seed-email"))
                    .body("clocks[0].target", equalTo("PT24H"))
                    .body("clocks[0].startedAt", equalTo(openedAt.toString()))
                    .body("clocks[0].dueAt", equalTo(openedAt.plus(Duration.ofHours(24)).toString()))
                    .body("clocks[1].target", equalTo("PT48H"));

            ConsumerRecord<String, byte[]> started = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> opened.ticket().ticketId().toString().equals(r.key())).get(0);
            assertEquals("sla.clock-started", header(started, "ce_type"));
            assertEquals(openedAt, Instant.parse(header(started, "ce_time")));
        }
    }

    @Test
    void theSameEventDeliveredTwiceStartsOneClockAndPublishesOneClockStarted() {
        Instant openedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TicketOpened opened = ticket(Channel.PHONE, Priority.HIGH, openedAt);
        ProducerRecord<String, byte[]> event = cloudEvent(opened, openedAt);
        ProducerRecord<String, byte[]> marker = poison(opened.ticket().ticketId().toString(), "marker");
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS));
             TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            // Same key, same partition, applied in order: once the marker is dead-lettered both
            // copies of the event have been handled.
            KafkaTestSupport.send(event, event, marker);
            dlq.awaitAtLeast(1, Duration.ofSeconds(20), r -> opened.ticket().ticketId().toString().equals(r.key()));

            clocksOf(opened.ticket().ticketId()).statusCode(200).body("clocks", hasSize(2));
            List<ConsumerRecord<String, byte[]>> started = sla.awaitAtLeast(2, Duration.ofSeconds(20),
                    r -> opened.ticket().ticketId().toString().equals(r.key())
                            && "sla.clock-started".equals(header(r, "ce_type")));
            assertEquals(2, started.size());
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TicketOpened valid = ticket(Channel.CHAT, Priority.LOW, now);

        ProducerRecord<String, byte[]> notACloudEvent = poison(key, "{not json");
        ProducerRecord<String, byte[]> unknownType = cloudEvent(valid, now);
        unknownType = withHeader(new ProducerRecord<>(unknownType.topic(), key, unknownType.value()),
                unknownType, "ce_type", "ticket.exploded");
        ProducerRecord<String, byte[]> breaksSchema = cloudEvent(valid, now);
        breaksSchema = new ProducerRecord<>(breaksSchema.topic(), null, key,
                "{\"ticketId\": \"nope\"}".getBytes(StandardCharsets.UTF_8), breaksSchema.headers());

        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.send(notACloudEvent, unknownType, breaksSchema);
            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitAtLeast(3, Duration.ofSeconds(30),
                    r -> key.equals(r.key()));
            for (ConsumerRecord<String, byte[]> record : dead) {
                assertNotNull(header(record, "dead-letter-reason"), "reason header");
                assertEquals(Topics.TICKETS, header(record, "dead-letter-topic"));
            }
        }

        KafkaTestSupport.send(cloudEvent(valid, now));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> clocksOf(valid.ticket().ticketId()).statusCode(200));
    }

    @Test
    void aTicketWithoutClocksIsA404ProblemAndAnonymousCallersAreRefused() {
        clocksOf(UUID.randomUUID()).statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/tickets/" + UUID.randomUUID() + "/sla").then().statusCode(401);
    }

    private static ProducerRecord<String, byte[]> poison(String key, String value) {
        return new ProducerRecord<>(Topics.TICKETS, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> target,
                                                             ProducerRecord<String, byte[]> source,
                                                             String name, String value) {
        source.headers().forEach(h -> target.headers().add(h));
        target.headers().remove(name);
        target.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return target;
    }
}
