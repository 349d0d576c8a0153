package io.pledge.survey;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.restassured.RestAssured.given;

/** Tickets as intake-service would tell them, and the API as a role. */
public final class SurveyFixtures {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    public static String newCustomer() {
        return "CRM-" + UUID.randomUUID();
    }

    public static TicketFacts facts(String customer, Channel channel, Category category, TicketStatus status) {
        return new TicketFacts(UUID.randomUUID(), customer, channel, category, Priority.NORMAL, status, "care",
                "agent-9", "customer-care");
    }

    public static TicketFacts withStatus(TicketFacts f, TicketStatus status) {
        return new TicketFacts(f.ticketId(), f.customerId(), f.channel(), f.category(), f.priority(), status, f.team(),
                f.agent(), f.department());
    }

    /** A ticket opened an hour before {@code resolvedAt} and resolved then, as two events. */
    public static List<ProducerRecord<String, byte[]>> openedAndResolved(TicketFacts facts, Instant resolvedAt,
                                                                         String resolutionCode) {
        Instant openedAt = resolvedAt.minus(Duration.ofHours(1));
        return List.of(
                cloudEvent(new TicketOpened(withStatus(facts, TicketStatus.OPEN), "GOLD", Tokens.CLIENT, List.of(), openedAt, null), openedAt),
                cloudEvent(new TicketResolved(withStatus(facts, TicketStatus.RESOLVED), resolutionCode, openedAt,
                        resolvedAt, 1, 0, null), resolvedAt));
    }

    public static ProducerRecord<String, byte[]> reopened(TicketFacts facts, Instant at) {
        return cloudEvent(new TicketReopened(withStatus(facts, TicketStatus.OPEN), TicketStatus.RESOLVED, "not fixed",
                at, 1, null), at);
    }

    /**
     * Sends the records in order, then a record only the dead-letter topic takes with each key
     * involved, and waits for those: then survey-service has handled everything before them.
     */
    @SafeVarargs
    public static void deliver(List<ProducerRecord<String, byte[]>>... batches) {
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>();
        for (List<ProducerRecord<String, byte[]>> batch : batches) {
            all.addAll(batch);
        }
        List<String> keys = all.stream().map(r -> r.topic() + "\n" + r.key()).distinct().toList();
        for (String topicAndKey : keys) {
            String[] parts = topicAndKey.split("\n");
            all.add(new ProducerRecord<>(parts[0], parts[1], "marker".getBytes(StandardCharsets.UTF_8)));
        }
        List<TopicReader> dlqs = keys.stream()
                .map(k -> KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(k.split("\n")[0]))).toList();
        try {
            @SuppressWarnings("unchecked")
            ProducerRecord<String, byte[]>[] records = all.toArray(new ProducerRecord[0]);
            KafkaTestSupport.send(records);
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i).split("\n")[1];
                dlqs.get(i).awaitAtLeast(1, PATIENCE, r -> key.equals(r.key()));
            }
        } finally {
            dlqs.forEach(TopicReader::close);
        }
    }

    /** Where the ticket stands with surveys. */
    public static ValidatableResponse status(TicketFacts ticket) {
        return as("agent").get("/api/v1/tickets/" + ticket.ticketId() + "/survey").then().statusCode(200);
    }

    /**
     * Waits for the survey.link-issued on pledge.surveys.links that belongs to the ticket's
     * {@code announcedType} (survey.sent or survey.reminded); the links travel only there.
     */
    public static ConsumerRecord<String, byte[]> awaitLinkIssued(TopicReader links, TicketFacts ticket,
                                                                 String announcedType) {
        return links.awaitAtLeast(1, PATIENCE, r -> ticket.ticketId().toString().equals(r.key())
                && "survey.link-issued".equals(header(r, "ce_type"))
                && announcedType.equals(EventCodec.parse(r.value()).path("announcedType").asText())).get(0);
    }

    /** The survey link the ticket's {@code announcedType} was issued, from pledge.surveys.links. */
    public static String awaitLink(TopicReader links, TicketFacts ticket, String announcedType) {
        return link(awaitLinkIssued(links, ticket, announcedType));
    }

    /** The survey link a survey.link-issued record carries. */
    public static String link(ConsumerRecord<String, byte[]> record) {
        return EventCodec.parse(record.value()).path("link").asText();
    }

    /** The survey API behind a link (the link opens the page, /s/{token}; the API is /api/v1/s/{token}). */
    public static String api(String link) {
        String path = URI.create(link).getPath();
        return "/api/v1/s/" + path.substring(path.lastIndexOf('/') + 1);
    }

    /** The customer's page asking the survey's questions through the API (no login). */
    public static ValidatableResponse questions(String link) {
        return given().get(api(link)).then();
    }

    private SurveyFixtures() {
    }
}
