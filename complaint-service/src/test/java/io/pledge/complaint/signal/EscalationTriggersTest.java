package io.pledge.complaint.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.PATIENCE;
import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.breach;
import static io.pledge.complaint.ComplaintFixtures.complaintTicket;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.complaint.ComplaintFixtures.retraction;
import static io.pledge.complaint.ComplaintFixtures.survey;
import static io.pledge.complaint.ComplaintFixtures.ticketOpened;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SLA breaches and survey answers arriving over Kafka, in any order and any number of times. */
@QuarkusTest
class EscalationTriggersTest {

    @Inject
    PendingEvents pending;

    private static List<String> escalationsOf(TopicReader published, TicketOpened ticket, int atLeast) {
        String key = ticket.ticket().ticketId().toString();
        return published.awaitAtLeast(atLeast, PATIENCE, r -> key.equals(r.key())).stream()
                .filter(r -> "complaint.escalated".equals(header(r, "ce_type")))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aBreachEscalatesOnceHoweverOftenItIsToldAndEachBreachedClockOnce() {
        TicketOpened ticket = complaintTicket();
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(2));
        UUID resolutionClock = UUID.randomUUID();
        ProducerRecord<String, byte[]> breached = cloudEvent(breach(ticket, resolutionClock, breachedAt), breachedAt);
        // the same breach told again under another event id (e.g. re-announced after a restore)
        ProducerRecord<String, byte[]> retold = cloudEvent(breach(ticket, resolutionClock, breachedAt), breachedAt);
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(cloudEvent(ticket, ticket.openedAt()));
            deliver(breached, breached, retold);
            complaintsOf(ticket.ticket().ticketId())
                    .body("items[0].level", equalTo(2))
                    .body("items[0].contactBy", equalTo(breachedAt.plus(Duration.ofHours(24)).toString()));

            Instant laterAt = breachedAt.plus(Duration.ofHours(30));
            deliver(cloudEvent(breach(ticket, UUID.randomUUID(), laterAt), laterAt));
            complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(3));

            List<String> escalations = escalationsOf(published, ticket, 3);
            assertEquals(2, escalations.size(), escalations.toString());
            escalations.forEach(data -> assertEquals(true, data.contains("\"reason\":\"SLA_BREACHED\"")));
        }
    }

    @Test
    void aBreachThatArrivesBeforeItsTicketWaitsAndIsAppliedWhenTheComplaintIsRegistered() {
        TicketOpened ticket = complaintTicket();
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(1));
        deliver(cloudEvent(breach(ticket, UUID.randomUUID(), breachedAt), breachedAt));
        complaintsOf(ticket.ticket().ticketId()).body("items", hasSize(0));
        assertEquals(1, pending.waitingFor(ticket.ticket().ticketId()));

        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(cloudEvent(ticket, ticket.openedAt()));
            complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(2));
            assertEquals(0, pending.waitingFor(ticket.ticket().ticketId()));
            List<String> types = published.awaitAtLeast(2, PATIENCE,
                            r -> ticket.ticket().ticketId().toString().equals(r.key()))
                    .stream().map(r -> header(r, "ce_type")).toList();
            assertEquals(List.of("complaint.registered", "complaint.escalated"), types);
        }
    }

    @Test
    void aRetractedBreachThatAloneEscalatedIsWithdrawnAndTheComplaintIsBackAtLevelOne() {
        TicketOpened ticket = complaintTicket();
        UUID clock = UUID.randomUUID();
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(2));
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(cloudEvent(ticket, ticket.openedAt()), cloudEvent(breach(ticket, clock, breachedAt), breachedAt));
            complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(2));

            // the retraction's time is the clock's stop, before the breach; the withdrawal cannot precede the escalation
            Instant stoppedAt = ticket.openedAt().plus(Duration.ofHours(1));
            ProducerRecord<String, byte[]> retracted = cloudEvent(retraction(ticket, clock, stoppedAt), stoppedAt);
            deliver(retracted, retracted);
            complaintsOf(ticket.ticket().ticketId())
                    .body("items[0].level", equalTo(1))
                    .body("items[0].contactBy", nullValue());

            List<String> types = published.awaitAtLeast(3, PATIENCE,
                            r -> ticket.ticket().ticketId().toString().equals(r.key()))
                    .stream().map(r -> header(r, "ce_type")).toList();
            assertEquals(List.of("complaint.registered", "complaint.escalated", "complaint.escalation-withdrawn"), types);
            ConsumerRecord<String, byte[]> withdrawn = published.records(r -> ticket.ticket().ticketId().toString().equals(r.key())
                    && "complaint.escalation-withdrawn".equals(header(r, "ce_type"))).get(0);
            JsonNode data = EventCodec.parse(withdrawn.value());
            assertEquals(1, data.get("level").asInt());
            assertEquals(2, data.get("withdrawnLevel").asInt());
            assertEquals("SLA_BREACHED:" + clock, data.get("cause").asText());
            assertEquals(breachedAt, Instant.parse(header(withdrawn, "ce_time")));

            // the same clock breaching after all escalates again
            Instant breachedAgain = breachedAt.plus(Duration.ofHours(5));
            deliver(cloudEvent(breach(ticket, clock, breachedAgain), breachedAgain));
            complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(2));
        }
    }

    @Test
    void anEscalationSomeoneActedOnStandsWhenItsBreachIsRetractedAndTheHistorySaysWhy() {
        // opened 3 h ago, breached 1 h ago: the supervisor's contact now comes after the escalation
        TicketOpened ticket = ticketOpened(Category.COMPLAINT, Priority.NORMAL, newCustomer(), now().minus(Duration.ofHours(3)));
        UUID clock = UUID.randomUUID();
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(2));
        deliver(cloudEvent(ticket, ticket.openedAt()), cloudEvent(breach(ticket, clock, breachedAt), breachedAt));
        String id = complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(2)).extract().path("items[0].id");
        as("supervisor").post("/api/v1/complaints/" + id + "/contact").then().statusCode(200);

        Instant stoppedAt = ticket.openedAt().plus(Duration.ofHours(1));
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(cloudEvent(retraction(ticket, clock, stoppedAt), stoppedAt));
            as("agent").get("/api/v1/complaints/" + id).then().body("level", equalTo(2));
            as("agent").get("/api/v1/complaints/" + id + "/history").then()
                    .body("findAll { it.action == 'escalation-stands' }", hasSize(1))
                    .body("find { it.action == 'escalation-stands' }.detail",
                            containsString("test-supervisor@pledge.test has acted on it at L2"));
            assertEquals(List.of(), published.records(r -> ticket.ticket().ticketId().toString().equals(r.key())
                    && "complaint.escalation-withdrawn".equals(header(r, "ce_type"))));
        }
    }

    @Test
    void aBreachRetractedBeforeItsComplaintIsRegisteredNeverEscalates() {
        TicketOpened ticket = complaintTicket();
        UUID clock = UUID.randomUUID();
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(2));
        Instant stoppedAt = ticket.openedAt().plus(Duration.ofHours(1));
        deliver(cloudEvent(breach(ticket, clock, breachedAt), breachedAt),
                cloudEvent(retraction(ticket, clock, stoppedAt), stoppedAt));
        assertEquals(0, pending.waitingFor(ticket.ticket().ticketId()));
        deliver(cloudEvent(ticket, ticket.openedAt()));
        complaintsOf(ticket.ticket().ticketId()).body("items[0].level", equalTo(1));
    }

    @Test
    void breachesAndAnswersAboutOtherTicketsConcernNoComplaint() {
        TicketOpened inquiry = ticketOpened(Category.INQUIRY, Priority.NORMAL, newCustomer(), now());
        Instant at = inquiry.openedAt().plusSeconds(3600);
        deliver(cloudEvent(breach(inquiry, UUID.randomUUID(), at), at), cloudEvent(survey(inquiry, true, at), at));
        assertEquals(0, pending.waitingFor(inquiry.ticket().ticketId()));
        deliver(cloudEvent(inquiry, inquiry.openedAt()));
        complaintsOf(inquiry.ticket().ticketId()).body("items", hasSize(0));
    }

    @Test
    void anUnsatisfiedAnswerReopensAClosedComplaintOneLevelUpOnce() {
        TicketOpened ticket = complaintTicket();
        deliver(cloudEvent(ticket, ticket.openedAt()));
        String id = complaintsOf(ticket.ticket().ticketId()).extract().path("items[0].id");
        for (var step : List.of(Map.entry("acknowledgement", Map.of("department", "care")),
                Map.entry("investigation", Map.of()), Map.entry("resolution-proposal", Map.of("proposal", "replace it")),
                Map.entry("acceptance", Map.of()),
                Map.entry("follow-up", Map.of("outcome", "SATISFIED", "rootCause", "PRODUCT_DEFECT",
                        "correctiveAction", "supplier audit")))) {
            as("supervisor").body(step.getValue()).post("/api/v1/complaints/" + id + "/" + step.getKey())
                    .then().statusCode(200);
        }
        Instant answeredAt = now();
        ProducerRecord<String, byte[]> unsatisfied = cloudEvent(survey(ticket, true, answeredAt), answeredAt);
        deliver(unsatisfied, unsatisfied, cloudEvent(survey(ticket, false, answeredAt), answeredAt));

        as("agent").get("/api/v1/complaints/" + id).then()
                .body("state", equalTo("INVESTIGATING"))
                .body("level", equalTo(2))
                .body("closedAt", nullValue());
        as("agent").get("/api/v1/complaints/" + id + "/history").then()
                .body("findAll { it.action == 'complaint.escalated' }", hasSize(1))
                .body("findAll { it.action == 'complaint.investigation-started' }", hasSize(2));
    }

    @Test
    void anUnsatisfiedAnswerBeforeTheTicketWaitsForItsComplaint() {
        TicketOpened ticket = complaintTicket();
        Instant answeredAt = ticket.openedAt().plusSeconds(7200);
        SurveyCompleted answer = survey(ticket, true, answeredAt);
        deliver(cloudEvent(answer, answeredAt));
        assertEquals(1, pending.waitingFor(ticket.ticket().ticketId()));
        deliver(cloudEvent(ticket, ticket.openedAt()));
        complaintsOf(ticket.ticket().ticketId())
                .body("items[0].level", equalTo(2))
                .body("items[0].state", equalTo("REGISTERED"));
    }

    @Test
    void poisonOnTheSlaAndSurveyTopicsGoesToTheirDeadLetterTopics() {
        String key = UUID.randomUUID().toString();
        try (TopicReader slaDlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.SLA));
             TopicReader surveyDlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.SURVEYS))) {
            KafkaTestSupport.send(new ProducerRecord<>(Topics.SLA, key, "{not json".getBytes(StandardCharsets.UTF_8)),
                    new ProducerRecord<>(Topics.SURVEYS, key, "{}".getBytes(StandardCharsets.UTF_8)));
            slaDlq.awaitAtLeast(1, PATIENCE, r -> key.equals(r.key()));
            surveyDlq.awaitAtLeast(1, PATIENCE, r -> key.equals(r.key()));
        }
        // and the consumers keep going
        aBreachThatArrivesBeforeItsTicketWaitsAndIsAppliedWhenTheComplaintIsRegistered();
    }

}
