package io.pledge.complaint;

import io.pledge.contracts.Topics;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Tickets, SLA breaches and survey answers as the other services would publish them, and the API as a role. */
public final class ComplaintFixtures {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    /** The ticket's complaints, as the supervisor's list shows them. */
    public static ValidatableResponse complaintsOf(UUID ticketId) {
        return as("supervisor").queryParam("ticketId", ticketId).get("/api/v1/complaints").then().statusCode(200);
    }

    /** A customer no other test (or earlier run) has used: repeat counting starts from zero. */
    public static String newCustomer() {
        return "CRM-" + UUID.randomUUID();
    }

    public static TicketOpened ticketOpened(Category category, Priority priority, String customer, Instant openedAt) {
        return new TicketOpened(new TicketFacts(UUID.randomUUID(), customer, Channel.EMAIL, category, priority,
                TicketStatus.OPEN, "care", "agent-3", "customer-care"), "GOLD", Tokens.CLIENT, List.of(), openedAt, null);
    }

    public static TicketOpened complaintTicket() {
        return ticketOpened(Category.COMPLAINT, Priority.NORMAL, newCustomer(), now());
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public static SlaBreached breach(TicketOpened ticket, UUID clockId, Instant breachedAt) {
        TicketFacts facts = ticket.ticket();
        return new SlaBreached(new SlaClockFacts(clockId, facts.ticketId(), "RESOLUTION", "seed-complaint",
                Duration.ofHours(45), "workdays", facts.channel(), facts.category(), facts.priority(), facts.team(),
                facts.agent()), breachedAt.minusSeconds(1), breachedAt);
    }

    /** The breach of {@link #breach}'s clock retracted: a late event showed it stopped in time. */
    public static SlaBreachRetracted retraction(TicketOpened ticket, UUID clockId, Instant stoppedAt) {
        SlaClockFacts clock = breach(ticket, clockId, stoppedAt).clock();
        return new SlaBreachRetracted(clock, 3600, stoppedAt, "a late event shows the promise was kept", null);
    }

    public static SurveyCompleted survey(TicketOpened ticket, boolean unsatisfied, Instant completedAt) {
        return new SurveyCompleted(UUID.randomUUID(), ticket.ticket(), "TICKET_RESOLVED", null, unsatisfied ? 1 : 5,
                unsatisfied ? 2 : 10, unsatisfied ? 7 : 1, Map.of(), null, unsatisfied ? "UNSATISFIED" : "SATISFIED",
                unsatisfied ? "DETRACTOR" : "PROMOTER", unsatisfied ? "DIFFICULT" : "EASY", unsatisfied, false,
                completedAt.minusSeconds(3600), completedAt.minusSeconds(1800), completedAt);
    }

    /**
     * Sends the records in order, then on every topic involved a record only the dead-letter topic
     * takes, with the same key, and waits for those: once they are there, complaint-service has
     * handled everything sent before them.
     */
    @SafeVarargs
    public static void deliver(ProducerRecord<String, byte[]>... records) {
        Set<String> topics = new LinkedHashSet<>();
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(List.of(records));
        for (ProducerRecord<String, byte[]> record : records) {
            if (topics.add(record.topic() + "\n" + record.key())) {
                all.add(new ProducerRecord<>(record.topic(), record.key(), "marker".getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<TopicReader> dlqs = new ArrayList<>();
        try {
            for (String topicAndKey : topics) {
                dlqs.add(KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(topicAndKey.split("\n")[0])));
            }
            @SuppressWarnings("unchecked")
            ProducerRecord<String, byte[]>[] toSend = all.toArray(new ProducerRecord[0]);
            KafkaTestSupport.send(toSend);
            int i = 0;
            for (String topicAndKey : topics) {
                String key = topicAndKey.split("\n")[1];
                dlqs.get(i++).awaitAtLeast(1, PATIENCE, r -> key.equals(r.key()));
            }
        } finally {
            dlqs.forEach(TopicReader::close);
        }
    }

    private ComplaintFixtures() {
    }
}
