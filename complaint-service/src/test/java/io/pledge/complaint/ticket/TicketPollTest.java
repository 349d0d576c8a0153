package io.pledge.complaint.ticket;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pledge.complaint.ComplaintFixtures.PATIENCE;
import static io.pledge.complaint.ComplaintFixtures.complaintTicket;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.complaint.ComplaintFixtures.ticketOpened;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.pledge.platform.testing.KafkaTestSupport.keyed;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poll of ticket events applied at once (platform PolledEvents), against the real broker and
 * database. The records of each test share one key, so they are one partition's batch, in order,
 * and reach the consumer in one poll.
 */
@QuarkusTest
class TicketPollTest {

    @Inject
    KafkaClientService kafka;

    @Inject
    EntityManager em;

    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @Test
    void aPoisonEventInTheMiddleOfAPollIsDeadLetteredAloneAndTheEventsBeforeAndAfterItApply() {
        String key = UUID.randomUUID().toString();
        TicketOpened before = complaintTicket();
        // readable and within its schema, but PostgreSQL takes no NUL in text: it fails every time
        TicketOpened poison = ticketOpened(Category.COMPLAINT, Priority.NORMAL, "CRM-\u0000-" + key, now());
        TicketOpened after = complaintTicket();
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.sendTogether(keyed(key, cloudEvent(before, now())), keyed(key, cloudEvent(poison, now())),
                    keyed(key, cloudEvent(after, now())));

            ConsumerRecord<String, byte[]> dead = dlq.awaitAtLeast(1, PATIENCE, r -> key.equals(r.key())).get(0);
            assertEquals(poison.ticket().ticketId().toString(), header(dead, "ce_subject"));
            assertNotNull(header(dead, "dead-letter-reason"));
            complaintsOf(before.ticket().ticketId()).body("items", hasSize(1));
            complaintsOf(after.ticket().ticketId()).body("items", hasSize(1));
            complaintsOf(poison.ticket().ticketId()).body("items", hasSize(0));
            assertEquals(1, dlq.records(r -> key.equals(r.key())).size(), "only the poison is dead-lettered");
        }
    }

    @Test
    void aPollDeliveredAgainAfterACrashBeforeItsOffsetsWereCommittedChangesNothing() {
        String key = UUID.randomUUID().toString();
        List<TicketOpened> tickets = List.of(complaintTicket(), complaintTicket(), complaintTicket());
        // a record only the dead-letter topic takes: once it is there, everything before it was handled
        ProducerRecord<String, byte[]> marker = new ProducerRecord<>(Topics.TICKETS, key, "marker".getBytes(StandardCharsets.UTF_8));
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            List<RecordMetadata> landed = KafkaTestSupport.sendTogether(keyed(key, cloudEvent(tickets.get(0), now())),
                    keyed(key, cloudEvent(tickets.get(1), now())), keyed(key, cloudEvent(tickets.get(2), now())), marker);
            dlq.awaitAtLeast(1, PATIENCE, r -> key.equals(r.key()));
            List<String> complaintIds = tickets.stream().map(t -> complaintsOf(t.ticket().ticketId())
                    .body("items", hasSize(1)).extract().<String>path("items[0].id")).toList();

            // The crash: the poll's transaction committed, its offsets did not, so after the restart
            // the consumer reads the same records at the same offsets again.
            TopicPartition partition = new TopicPartition(Topics.TICKETS, landed.get(0).partition());
            kafka.getConsumer("tickets").runOnPollingThread(c -> {
                c.seek(partition, landed.get(0).offset());
            }).await().atMost(PATIENCE);

            dlq.awaitAtLeast(2, PATIENCE, r -> key.equals(r.key())); // the marker again: the replay was handled
            for (int i = 0; i < tickets.size(); i++) {
                complaintsOf(tickets.get(i).ticket().ticketId()).body("items", hasSize(1))
                        .body("items[0].id", equalTo(complaintIds.get(i)));
            }
            long complaints = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "select count(c) from Complaint c where c.ticketId in :tickets", Long.class)
                    .setParameter("tickets", tickets.stream().map(t -> t.ticket().ticketId()).toList())
                    .getSingleResult());
            assertEquals(3, complaints);
        }
    }

    @Test
    void aPollsDelayItsDeadLettersAndTheLagAreOnTheMetricsForPrometheus() {
        String key = UUID.randomUUID().toString();
        double delaysBefore = metric("pledge_consumer_delay_seconds_count", CONSUMER_TAG).orElse(0.0);
        double deadBefore = metric("pledge_consumer_dead_lettered_total", CONSUMER_TAG + ",topic=\"pledge.tickets\"").orElse(0.0);
        KafkaTestSupport.sendTogether(keyed(key, cloudEvent(complaintTicket(), now())),
                new ProducerRecord<>(Topics.TICKETS, key, "not a CloudEvent".getBytes(StandardCharsets.UTF_8)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            // at least: records of earlier tests may still be counted while this runs
            assertTrue(metric("pledge_consumer_delay_seconds_count", CONSUMER_TAG).orElse(0.0) >= delaysBefore + 2,
                    "both records' delays recorded");
            assertTrue(metric("pledge_consumer_dead_lettered_total", CONSUMER_TAG + ",topic=\"pledge.tickets\"")
                    .orElse(0.0) >= deadBefore + 1, "the poison counted");
            assertEquals(0.0, metric("pledge_consumer_lag_seconds", CONSUMER_TAG).orElseThrow(), "caught up");
        });
    }

    private static final String CONSUMER_TAG = "consumer=\"complaint-service.tickets\"";

    /** A sample on /q/metrics, as Prometheus scrapes it: the metric with exactly these labels. */
    private Optional<Double> metric(String name, String labels) {
        String metrics;
        try {
            metrics = given().get(new URL(managementRoot, "metrics")).then().statusCode(200).extract().asString();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }
}
