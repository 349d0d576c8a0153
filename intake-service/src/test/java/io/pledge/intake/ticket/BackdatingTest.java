package io.pledge.intake.ticket;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatusChanged;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ceTime;
import static io.pledge.intake.support.IntakeApi.data;
import static io.pledge.intake.support.IntakeApi.openTicket;
import static io.pledge.intake.support.IntakeApi.openTicketOpenedAt;
import static io.pledge.intake.support.IntakeApi.types;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Status changes, resolutions, reopenings and closures reported late (by an integration, the only
 * caller who may): their time travels, within the rules messages follow.
 */
@QuarkusTest
class BackdatingTest {

    private static TopicReader tickets;

    @BeforeAll
    static void readTickets() {
        tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
    }

    @AfterAll
    static void close() {
        tickets.close();
    }

    private static final Instant OPENED = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);


    /** {@code fields} as a JSON object, with {@code occurredAt} when given. */
    private static String body(String fields, Instant occurredAt) {
        String at = occurredAt == null ? "" : "\"occurredAt\": \"" + occurredAt + "\"";
        return "{" + fields + (fields.isEmpty() || at.isEmpty() ? "" : ", ") + at + "}";
    }

    private static ValidatableResponse step(String id, String path, String fields, Instant occurredAt) {
        return asCrm().body(body(fields, occurredAt)).post("/api/v1/tickets/" + id + "/" + path).then();
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String id, int atLeast) {
        return tickets.awaitAtLeast(atLeast, Duration.ofSeconds(20), r -> id.equals(r.key()));
    }

    @Test
    void aBackdatedResolutionPublishesTicketResolvedAtThatTime() {
        String id = openTicketOpenedAt(OPENED);
        Instant resolved = OPENED.plus(Duration.ofHours(2));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", resolved).statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolvedAt", equalTo(resolved.toString()))
                .body("statusSince", equalTo(resolved.toString()));

        ConsumerRecord<String, byte[]> event = eventsOf(id, 2).get(1);
        assertEquals("ticket.resolved", KafkaTestSupport.header(event, "ce_type"));
        assertEquals(resolved, data(event, TicketResolved.class).resolvedAt());
        assertEquals(resolved, ceTime(event));
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then().body("[1].occurredAt", equalTo(resolved.toString()));
    }

    @Test
    void everyStatusStepReportedLateCarriesItsTimeInTheEventAndInCeTime() {
        String id = openTicketOpenedAt(OPENED);
        Instant waiting = OPENED.plus(Duration.ofHours(1));
        Instant resolved = OPENED.plus(Duration.ofHours(2));
        Instant reopened = OPENED.plus(Duration.ofHours(3));
        Instant resolvedAgain = OPENED.plus(Duration.ofHours(4));
        Instant closed = resolvedAgain; // the same instant as the step before is not before it
        step(id, "status", "\"status\": \"PENDING_CUSTOMER\"", waiting).statusCode(200);
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", resolved).statusCode(200);
        step(id, "reopening", "\"reason\": \"still broken\"", reopened).statusCode(200)
                .body("statusSince", equalTo(reopened.toString()));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", resolvedAgain).statusCode(200);
        step(id, "closure", "", closed).statusCode(200)
                .body("closedAt", equalTo(closed.toString()));

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 6);
        assertEquals(List.of("ticket.opened", "ticket.status-changed", "ticket.resolved", "ticket.reopened",
                "ticket.resolved", "ticket.closed"), types(events));
        assertEquals(waiting, data(events.get(1), TicketStatusChanged.class).changedAt());
        assertEquals(resolved, data(events.get(2), TicketResolved.class).resolvedAt());
        assertEquals(reopened, data(events.get(3), TicketReopened.class).reopenedAt());
        assertEquals(resolvedAgain, data(events.get(4), TicketResolved.class).resolvedAt());
        assertEquals(closed, data(events.get(5), TicketClosed.class).closedAt());
        assertEquals(List.of(OPENED, waiting, resolved, reopened, resolvedAgain, closed),
                events.stream().map(r -> ceTime(r)).toList());
    }

    @Test
    void aFutureOccurredAtIsA422ProblemOnEveryStepAndWritesNothing() {
        String id = openTicket();
        Instant future = Instant.now().plus(Duration.ofHours(1));
        step(id, "status", "\"status\": \"ON_HOLD\"", future).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("is in the future"));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", future).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("is in the future"));
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("OPEN")).body("version", equalTo(0));

        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", null).statusCode(200);
        step(id, "reopening", "\"reason\": \"later\"", future).statusCode(422).contentType("application/problem+json");
        step(id, "closure", "", future).statusCode(422).contentType("application/problem+json");
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("RESOLVED")).body("version", equalTo(1))
                .body("closedAt", nullValue());
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then()
                .body("type", equalTo(List.of("ticket.opened", "ticket.resolved")));

        // what the refused steps would have published would have come before this closure
        step(id, "closure", "", null).statusCode(200);
        assertEquals(List.of("ticket.opened", "ticket.resolved", "ticket.closed"), types(eventsOf(id, 3)));
    }

    @Test
    void aStepDatedBeforeTheTicketEnteredItsStatusIsRefused() {
        String id = openTicketOpenedAt(OPENED);
        step(id, "status", "\"status\": \"ON_HOLD\"", OPENED.minusSeconds(60)).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("occurredAt " + OPENED.minusSeconds(60) + " is before the ticket became OPEN at " + OPENED));
        Instant waiting = OPENED.plus(Duration.ofHours(2));
        step(id, "status", "\"status\": \"PENDING_CUSTOMER\"", waiting).statusCode(200);
        Instant before = waiting.minus(Duration.ofMinutes(30));
        step(id, "status", "\"status\": \"ON_HOLD\"", before).statusCode(400)
                .body("detail", equalTo("occurredAt " + before + " is before the ticket became PENDING_CUSTOMER at " + waiting));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", before).statusCode(400);

        Instant resolved = waiting.plus(Duration.ofHours(1));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", resolved).statusCode(200);
        step(id, "reopening", "\"reason\": \"x\"", resolved.minusSeconds(1)).statusCode(400)
                .body("detail", containsString("is before the ticket became RESOLVED at " + resolved));
        step(id, "closure", "", resolved.minusSeconds(1)).statusCode(400).contentType("application/problem+json");
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then()
                .body("type", equalTo(List.of("ticket.opened", "ticket.status-changed", "ticket.resolved")));
    }

    @Test
    void aLateCustomerMessageWrittenBeforeTheResolutionDoesNotReopenTheTicket() {
        String id = openTicketOpenedAt(OPENED);
        Instant resolved = OPENED.plus(Duration.ofHours(2));
        step(id, "resolution", "\"resolutionCode\": \"FIXED\"", resolved).statusCode(200);
        Instant written = resolved.minus(Duration.ofMinutes(10));
        asCrm().body(body("\"author\": \"CUSTOMER\", \"body\": \"Any news?\"", written))
                .post("/api/v1/tickets/" + id + "/messages").then().statusCode(201)
                .body("occurredAt", equalTo(written.toString()));
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("RESOLVED")).body("reopenCount", equalTo(0));

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 3);
        assertEquals(List.of("ticket.opened", "ticket.resolved", "ticket.customer-replied"), types(events));
        assertFalse(data(events.get(2), CustomerReplied.class).reopened());
        assertEquals(written, ceTime(events.get(2)));
    }
}
