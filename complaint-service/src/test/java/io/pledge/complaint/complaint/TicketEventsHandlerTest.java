package io.pledge.complaint.complaint;

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
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TicketEventsHandlerTest {

    private static TicketOpened ticket(Category category, Priority priority) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), "CRM-C-7", Channel.PHONE, category, priority,
                TicketStatus.OPEN, "billing", "agent-3", null), "GOLD", "crm", List.of(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static ValidatableResponse complaintsOf(UUID ticketId) {
        return given().auth().oauth2(Tokens.withRoles("supervisor"))
                .queryParam("ticketId", ticketId).get("/api/v1/complaints").then().statusCode(200);
    }

    /** A record only the dead-letter topic takes: once it is there, everything before it on its key was handled. */
    private static ProducerRecord<String, byte[]> marker(UUID ticketId) {
        return new ProducerRecord<>(Topics.TICKETS, ticketId.toString(), "marker".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aComplaintTicketRegistersOneComplaintHoweverOftenItIsDelivered() {
        TicketOpened opened = ticket(Category.COMPLAINT, Priority.URGENT);
        ProducerRecord<String, byte[]> event = cloudEvent(opened, opened.openedAt());
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS));
             TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            KafkaTestSupport.send(event, event, marker(opened.ticket().ticketId()));
            dlq.awaitAtLeast(1, Duration.ofSeconds(20), r -> opened.ticket().ticketId().toString().equals(r.key()));

            String id = complaintsOf(opened.ticket().ticketId())
                    .body("", hasSize(1))
                    .body("[0].state", equalTo("REGISTERED"))
                    .body("[0].severity", equalTo("CRITICAL"))
                    .body("[0].registeredAt", equalTo(opened.openedAt().toString()))
                    .extract().path("[0].id");
            given().auth().oauth2(Tokens.withRoles("agent")).get("/api/v1/complaints/" + id)
                    .then().statusCode(200).body("ticketId", equalTo(opened.ticket().ticketId().toString()));

            List<ConsumerRecord<String, byte[]>> registered = published.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> opened.ticket().ticketId().toString().equals(r.key()));
            assertEquals(1, registered.size());
            assertEquals("complaint.registered", header(registered.get(0), "ce_type"));
        }
    }

    @Test
    void anInquiryRegistersNoComplaint() {
        TicketOpened opened = ticket(Category.INQUIRY, Priority.NORMAL);
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.send(cloudEvent(opened, opened.openedAt()), marker(opened.ticket().ticketId()));
            dlq.awaitAtLeast(1, Duration.ofSeconds(20), r -> opened.ticket().ticketId().toString().equals(r.key()));
        }
        complaintsOf(opened.ticket().ticketId()).body("", hasSize(0));
    }

    @Test
    void badQueriesAndUnknownComplaintsAreProblems() {
        given().auth().oauth2(Tokens.withRoles("agent")).get("/api/v1/complaints/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("agent")).queryParam("limit", 1000).get("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("dashboard")).get("/api/v1/complaints").then().statusCode(403);
    }
}
