package io.pledge.survey.invitation;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.survey.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.pledge.survey.SurveyFixtures.PATIENCE;
import static io.pledge.survey.SurveyFixtures.as;
import static io.pledge.survey.SurveyFixtures.awaitLink;
import static io.pledge.survey.SurveyFixtures.awaitLinkIssued;
import static io.pledge.survey.SurveyFixtures.deliver;
import static io.pledge.survey.SurveyFixtures.facts;
import static io.pledge.survey.SurveyFixtures.newCustomer;
import static io.pledge.survey.SurveyFixtures.openedAndResolved;
import static io.pledge.survey.SurveyFixtures.reopened;
import static io.pledge.survey.SurveyFixtures.link;
import static io.pledge.survey.SurveyFixtures.questions;
import static io.pledge.survey.SurveyFixtures.status;
import static io.pledge.survey.SurveyFixtures.withStatus;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduling, throttling, opt-out, cancellation, reminder and expiry, with the clock moved instead of waiting. */
@QuarkusTest
class InvitationTest {

    @Inject
    MovableClock clock;

    static void awaitInvitation(TicketFacts ticket, String state) {
        await().atMost(PATIENCE).untilAsserted(() -> status(ticket).body("invitation", equalTo(state)));
    }

    private static List<ConsumerRecord<String, byte[]>> ofType(TopicReader reader, TicketFacts ticket, String type) {
        return reader.records(r -> ticket.ticketId().toString().equals(r.key()) && type.equals(header(r, "ce_type")));
    }

    @Test
    void aResolvedTicketGetsOneInvitationAnHourLaterHoweverOftenItIsTold() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        Instant resolvedAt = clock.now();
        List<ProducerRecord<String, byte[]>> events = openedAndResolved(ticket, resolvedAt, "FIXED");
        // the resolution delivered twice, and told once more under another event id
        ProducerRecord<String, byte[]> retold = openedAndResolved(ticket, resolvedAt, "FIXED").get(1);
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.SURVEYS);
             TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            deliver(events, List.of(events.get(1), retold));
            status(ticket).body("invitation", equalTo("SCHEDULED"))
                    .body("sendAt", equalTo(resolvedAt.plus(Duration.ofHours(1)).toString()))
                    .body("templateId", equalTo("seed-default"));

            clock.advance(Duration.ofMinutes(61));
            awaitInvitation(ticket, "SENT");
            List<ConsumerRecord<String, byte[]>> sent = published.awaitAtLeast(1, PATIENCE,
                    r -> ticket.ticketId().toString().equals(r.key()));
            assertEquals(1, ofType(published, ticket, "survey.sent").size());
            String data = new String(sent.get(0).value());
            assertTrue(data.contains("\"customerId\":\"" + ticket.customerId() + "\""), data);
            // the token answers the survey: it stays off the widely read pledge.surveys
            assertFalse(data.contains("\"link\""), data);
            assertFalse(data.contains("/s/"), data);

            ConsumerRecord<String, byte[]> issued = awaitLinkIssued(links, ticket, "survey.sent");
            assertEquals(header(sent.get(0), "ce_id"), EventCodec.parse(issued.value()).path("announcedEventId").asText());
            assertTrue(link(issued).startsWith("http://localhost:8084/s/"), link(issued));
            questions(link(issued)).statusCode(200);
            assertEquals(1, links.records(r -> ticket.ticketId().toString().equals(r.key())).size());
        }
    }

    @Test
    void aTicketReopenedBeforeItsInvitationWentOutGetsNoneUntilResolvedAgain() {
        TicketFacts ticket = facts(newCustomer(), Channel.CHAT, Category.FAULT, TicketStatus.OPEN);
        Instant resolvedAt = clock.now();
        deliver(openedAndResolved(ticket, resolvedAt, "FIXED"), List.of(reopened(ticket, resolvedAt.plusSeconds(600))));
        status(ticket).body("invitation", equalTo("CANCELLED")).body("reason", equalTo("TICKET_REOPENED"));

        clock.advance(Duration.ofMinutes(61));
        Instant resolvedAgain = clock.now();
        deliver(List.of(openedAndResolved(ticket, resolvedAgain, "FIXED").get(1)));
        status(ticket).body("invitation", equalTo("SCHEDULED"))
                .body("sendAt", equalTo(resolvedAgain.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void aCustomerInvitedWithinTheWindowIsNotAskedAgain() {
        String customer = newCustomer();
        TicketFacts first = facts(customer, Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        deliver(openedAndResolved(first, clock.now(), "FIXED"));
        clock.advance(Duration.ofMinutes(61));
        awaitInvitation(first, "SENT");

        TicketFacts second = facts(customer, Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        deliver(openedAndResolved(second, clock.now(), "FIXED"));
        clock.advance(Duration.ofMinutes(61));
        awaitInvitation(second, "SKIPPED");
        status(second).body("reason", equalTo("INVITED_RECENTLY"));
    }

    @Test
    void aCustomerWhoOptedOutGetsNoInvitationAndMayOptInAgain() {
        String customer = newCustomer();
        TicketFacts ticket = facts(customer, Channel.WEB, Category.INQUIRY, TicketStatus.OPEN);
        List<ProducerRecord<String, byte[]>> events = openedAndResolved(ticket, clock.now(), "FIXED");
        deliver(List.of(events.get(0)));   // the CRM reaches the customer through the ticket it opened
        as("integration").post("/api/v1/customers/" + customer + "/opt-out").then().statusCode(200)
                .body("optedOut", equalTo(true));
        deliver(List.of(events.get(1)));
        clock.advance(Duration.ofMinutes(61));
        awaitInvitation(ticket, "SKIPPED");
        status(ticket).body("reason", equalTo("OPTED_OUT"));

        as("integration").post("/api/v1/customers/" + customer + "/opt-in").then().statusCode(200)
                .body("optedOut", equalTo(false));
        as("dashboard").post("/api/v1/customers/" + customer + "/opt-out").then().statusCode(403);
    }

    @Test
    void spamAndDuplicatesGetNoSurvey() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.OTHER, TicketStatus.OPEN);
        deliver(openedAndResolved(ticket, clock.now(), "SPAM"));
        status(ticket).body("invitation", equalTo("SKIPPED")).body("reason", equalTo("RESOLVED_AS_SPAM"));
    }

    @Test
    void anUnansweredInvitationIsRemindedOnceAndThenExpires() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.SURVEYS);
             TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            deliver(openedAndResolved(ticket, clock.now(), "FIXED"));
            clock.advance(Duration.ofMinutes(61));
            awaitInvitation(ticket, "SENT");
            String firstLink = awaitLink(links, ticket, "survey.sent");

            clock.advance(Duration.ofDays(3));
            await().atMost(PATIENCE).until(() -> ofType(published, ticket, "survey.reminded").size() == 1);
            ConsumerRecord<String, byte[]> reminded = ofType(published, ticket, "survey.reminded").get(0);
            assertFalse(EventCodec.parse(reminded.value()).has("link"));
            ConsumerRecord<String, byte[]> reminderIssued = awaitLinkIssued(links, ticket, "survey.reminded");
            assertEquals(header(reminded, "ce_id"),
                    EventCodec.parse(reminderIssued.value()).path("announcedEventId").asText());
            String reminderLink = link(reminderIssued);
            assertNotEquals(firstLink, reminderLink);
            questions(reminderLink).statusCode(200);
            questions(firstLink).statusCode(200);

            clock.advance(Duration.ofDays(4));
            awaitInvitation(ticket, "EXPIRED");
            await().atMost(PATIENCE).until(() -> ofType(published, ticket, "survey.expired").size() == 1);
            assertEquals(1, ofType(published, ticket, "survey.reminded").size());
            questions(firstLink).statusCode(410).contentType("application/problem+json");
        }
    }

    @Test
    void aComplaintTicketIsSurveyedWhenItsComplaintIsClosed() {
        TicketFacts ticket = facts(newCustomer(), Channel.PHONE, Category.COMPLAINT, TicketStatus.OPEN);
        Instant resolvedAt = clock.now();
        deliver(openedAndResolved(ticket, resolvedAt, "FIXED"));
        status(ticket).body("invitation", equalTo("NOT_SCHEDULED"));

        Instant closedAt = resolvedAt.plusSeconds(60);
        ComplaintClosed closed = new ComplaintClosed(withStatus(ticket, TicketStatus.RESOLVED), UUID.randomUUID(), 1,
                "care", "PRODUCT", "MODERATE", "PRODUCT_DEFECT", "replaced the batch", false, "supervisor-1",
                resolvedAt.minusSeconds(3600), closedAt);
        deliver(List.of(cloudEvent(closed, closedAt)));
        status(ticket).body("invitation", equalTo("SCHEDULED"))
                .body("trigger", equalTo("COMPLAINT_CLOSED"))
                .body("templateId", equalTo("seed-complaint-closure"));
    }
}
