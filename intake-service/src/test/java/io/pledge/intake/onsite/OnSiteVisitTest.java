package io.pledge.intake.onsite;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteDispatched;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ceTime;
import static io.pledge.intake.support.IntakeApi.data;
import static io.pledge.intake.support.IntakeApi.etagOf;
import static io.pledge.intake.support.IntakeApi.openTicket;
import static io.pledge.intake.support.IntakeApi.openTicketOpenedAt;
import static io.pledge.intake.support.IntakeApi.ticketJson;
import static io.pledge.intake.support.IntakeApi.types;
import static io.pledge.intake.support.IntakeApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class OnSiteVisitTest {

    private static TopicReader tickets;

    @BeforeAll
    static void readTickets() {
        tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
    }

    @AfterAll
    static void close() {
        tickets.close();
    }

    private static final Instant OPENED = Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);


    private static String visits(String ticketId) {
        return "/api/v1/tickets/" + ticketId + "/on-site-visits";
    }

    /** {@code fields} as a JSON object, with {@code occurredAt} when given. */
    private static String body(String fields, Instant occurredAt) {
        String at = occurredAt == null ? "" : "\"occurredAt\": \"" + occurredAt + "\"";
        return "{" + fields + (fields.isEmpty() || at.isEmpty() ? "" : ", ") + at + "}";
    }

    private static ValidatableResponse request(String ticketId, String fields, Instant occurredAt) {
        return asCrm().body(body(fields, occurredAt)).post(visits(ticketId)).then();
    }

    private static String requested(String ticketId, Instant occurredAt) {
        return request(ticketId, "\"reason\": \"the router does not start\"", occurredAt).statusCode(201)
                .extract().path("id");
    }

    private static ValidatableResponse dispatch(String ticketId, String visitId, String fields, Instant occurredAt) {
        return asCrm().body(body(fields, occurredAt)).post(visits(ticketId) + "/" + visitId + "/dispatch").then();
    }

    private static ValidatableResponse complete(String ticketId, String visitId, String fields, Instant occurredAt) {
        return asCrm().body(body(fields, occurredAt)).post(visits(ticketId) + "/" + visitId + "/completion").then();
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String id, int atLeast) {
        return tickets.awaitAtLeast(atLeast, Duration.ofSeconds(20), r -> id.equals(r.key()));
    }

    @Test
    void aVisitIsRequestedDispatchedAndCompletedEachStepPublishedAtItsTime() {
        String id = openTicketOpenedAt(OPENED);
        Instant requestedAt = OPENED.plus(Duration.ofHours(1));
        Instant dispatchedAt = requestedAt.plus(Duration.ofMinutes(90));
        Instant completedAt = dispatchedAt.plus(Duration.ofHours(3));
        String etag = etagOf(id);

        var created = asCrm().header("If-Match", etag)
                .body(body("\"reason\": \"no signal since the storm\", \"requestedBy\": \"agent-7\"", requestedAt))
                .post(visits(id)).then().statusCode(201)
                .header("Idempotent-Replayed", "false")
                .body("step", equalTo("REQUESTED"))
                .body("ticketId", equalTo(id))
                .body("requestedBy", equalTo("agent-7"))
                .body("requestedAt", equalTo(requestedAt.toString()))
                .body("dispatchedAt", nullValue())
                .extract();
        String visitId = created.path("id");
        assertEquals(visits(id) + "/" + visitId, java.net.URI.create(created.header("Location")).getPath());
        asAgent().get(created.header("Location")).then().statusCode(200).body("id", equalTo(visitId));
        String afterRequest = etagOf(id);
        assertNotEquals(etag, afterRequest, "a visit's step is a step on the ticket: its version goes up");

        asCrm().header("If-Match", afterRequest).body(body("\"technician\": \"tech-3\"", dispatchedAt))
                .post(visits(id) + "/" + visitId + "/dispatch").then().statusCode(200)
                .body("step", equalTo("DISPATCHED"))
                .body("technician", equalTo("tech-3"))
                .body("dispatchedAt", equalTo(dispatchedAt.toString()));
        complete(id, visitId, "\"outcome\": \"replaced the router\"", completedAt).statusCode(200)
                .body("step", equalTo("COMPLETED"))
                .body("outcome", equalTo("replaced the router"))
                .body("completedAt", equalTo(completedAt.toString()));
        asAgent().get(visits(id)).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(visitId))
                .body("[0].step", equalTo("COMPLETED"))
                .body("[0].requestedAt", equalTo(requestedAt.toString()))
                .body("[0].technician", equalTo("tech-3"));

        List<ConsumerRecord<String, byte[]>> events = eventsOf(id, 4);
        assertEquals(List.of("ticket.opened", "ticket.on-site-requested", "ticket.on-site-dispatched",
                "ticket.on-site-completed"), types(events));
        OnSiteRequested request = data(events.get(1), OnSiteRequested.class);
        assertEquals(List.of(UUID.fromString(id), UUID.fromString(visitId), "agent-7", requestedAt),
                List.of(request.ticket().ticketId(), request.visitId(), request.requestedBy(), request.requestedAt()));
        assertNull(request.reason(), "the customer's words stay in intake-service");
        OnSiteDispatched dispatch = data(events.get(2), OnSiteDispatched.class);
        assertEquals(List.of(UUID.fromString(visitId), "tech-3", requestedAt, dispatchedAt),
                List.of(dispatch.visitId(), dispatch.technician(), dispatch.requestedAt(), dispatch.dispatchedAt()));
        OnSiteCompleted completion = data(events.get(3), OnSiteCompleted.class);
        assertEquals(List.of(UUID.fromString(visitId), "replaced the router", requestedAt, completedAt),
                List.of(completion.visitId(), completion.outcome(), completion.requestedAt(), completion.completedAt()));
        assertEquals(List.of(OPENED, requestedAt, dispatchedAt, completedAt), events.stream().map(r -> ceTime(r)).toList());

        asAgent().get("/api/v1/tickets/" + id + "/timeline").then()
                .body("type", equalTo(List.of("ticket.opened", "ticket.on-site-requested", "ticket.on-site-dispatched",
                        "ticket.on-site-completed")))
                .body("[2].data.technician", equalTo("tech-3"));
    }

    @Test
    void stepsOutOfOrderAre409ProblemsNamingTheNextStep() {
        String id = openTicket();
        String visitId = requested(id, null);
        complete(id, visitId, "\"outcome\": \"done\"", null).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("cannot complete the visit: it is REQUESTED; next: dispatch"));
        request(id, "\"reason\": \"another\"", null).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("ticket " + id + " already has on-site visit " + visitId
                        + " under way (REQUESTED; next: dispatch)"));
        dispatch(id, visitId, "\"technician\": \"tech-1\"", null).statusCode(200);
        dispatch(id, visitId, "\"technician\": \"tech-2\"", null).statusCode(409)
                .body("detail", equalTo("cannot dispatch the visit: it is DISPATCHED; next: complete"));
        complete(id, visitId, "\"outcome\": \"fixed\"", null).statusCode(200);
        dispatch(id, visitId, "\"technician\": \"tech-2\"", null).statusCode(409)
                .body("detail", containsString("it is COMPLETED; nothing is left to do"));

        String second = requested(id, null); // once the first visit is over, another may be requested
        asAgent().get(visits(id)).then().body("id", equalTo(List.of(visitId, second)))
                .body("technician", equalTo(java.util.Arrays.asList("tech-1", null)));
        assertEquals(List.of("ticket.opened", "ticket.on-site-requested", "ticket.on-site-dispatched",
                "ticket.on-site-completed", "ticket.on-site-requested"), types(eventsOf(id, 5)));
    }

    @Test
    void aVisitIsRequestedWhileTheTicketIsWorkedOnAndFollowedThroughUntilItCloses() {
        String id = openTicket();
        String visitId = requested(id, null);
        asAgent().body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + id + "/resolution")
                .then().statusCode(200);
        dispatch(id, visitId, "\"technician\": \"tech-1\"", null).statusCode(200);
        request(id, "\"reason\": \"again\"", null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("cannot request an on-site visit: the ticket is RESOLVED; allowed: reopen"));
        asAgent().post("/api/v1/tickets/" + id + "/closure").then().statusCode(200);
        complete(id, visitId, "\"outcome\": \"fixed\"", null).statusCode(409)
                .body("detail", equalTo("cannot complete an on-site visit: the ticket is CLOSED; allowed: nothing (the ticket is final)"));
        asAgent().get(visits(id) + "/" + visitId).then().body("step", equalTo("DISPATCHED"));
    }

    @Test
    void badRequestsAre4xxProblemsAndWriteNothing() {
        String id = openTicketOpenedAt(OPENED);
        String etag = etagOf(id);
        request(id, "", null).statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("reason")));
        request(id, "\"reason\": \"" + "x".repeat(2_001) + "\"", null).statusCode(400)
                .body("errors.field", equalTo(List.of("reason")));
        request(id, "\"reason\": \"x\", \"technician\": \"tech-1\"", null).statusCode(400)
                .contentType("application/problem+json");
        request(id, "\"reason\": \"x\"", Instant.now().plus(Duration.ofHours(2))).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("is in the future"));
        request(id, "\"reason\": \"x\"", OPENED.minusSeconds(1)).statusCode(400)
                .body("detail", equalTo("occurredAt " + OPENED.minusSeconds(1) + " is before the ticket was opened at " + OPENED));
        asAgent().header("If-Match", "\"99\"").body("{\"reason\": \"x\"}").post(visits(id)).then().statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("dashboard")).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post(visits(id)).then().statusCode(403);
        request(UUID.randomUUID().toString(), "\"reason\": \"x\"", null).statusCode(404)
                .contentType("application/problem+json");
        asAgent().get(visits(id)).then().statusCode(200).body("", hasSize(0));
        asAgent().get("/api/v1/tickets/" + id).then().header("ETag", etag);

        Instant requestedAt = OPENED.plus(Duration.ofHours(1));
        String visitId = requested(id, requestedAt);
        dispatch(id, visitId, "", null).statusCode(400).body("errors.field", equalTo(List.of("technician")));
        dispatch(id, visitId, "\"technician\": \"tech-1\"", Instant.now().plus(Duration.ofHours(2))).statusCode(422)
                .body("detail", containsString("is in the future"));
        dispatch(id, visitId, "\"technician\": \"tech-1\"", requestedAt.minusSeconds(1)).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("occurredAt " + requestedAt.minusSeconds(1) + " is before the visit was requested at "
                        + requestedAt));
        dispatch(id, UUID.randomUUID().toString(), "\"technician\": \"tech-1\"", null).statusCode(404)
                .contentType("application/problem+json");
        dispatch(openTicket(), visitId, "\"technician\": \"tech-1\"", null).statusCode(404); // another ticket's visit
        asAgent().body("{\"technician\": \"tech-1\"}").post(visits(id) + "/not-a-uuid/dispatch").then().statusCode(400)
                .contentType("application/problem+json"); // the platform answers a malformed path parameter

        Instant dispatchedAt = requestedAt.plus(Duration.ofHours(1));
        dispatch(id, visitId, "\"technician\": \"tech-1\"", dispatchedAt).statusCode(200);
        complete(id, visitId, "", null).statusCode(400).body("errors.field", equalTo(List.of("outcome")));
        complete(id, visitId, "\"outcome\": \"fixed\"", dispatchedAt.minusSeconds(1)).statusCode(400)
                .body("detail", equalTo("occurredAt " + dispatchedAt.minusSeconds(1)
                        + " is before the technician was dispatched at " + dispatchedAt));
        complete(id, visitId, "\"outcome\": \"fixed\"", Instant.now().plus(Duration.ofHours(2))).statusCode(422);
        asAgent().get(visits(id) + "/" + visitId).then().body("step", equalTo("DISPATCHED")).body("outcome", nullValue())
                .body("technician", equalTo("tech-1")).body("dispatchedAt", equalTo(dispatchedAt.toString()));

        // what the refused steps would have published would have come before this completion
        complete(id, visitId, "\"outcome\": \"fixed\"", null).statusCode(200);
        assertEquals(List.of("ticket.opened", "ticket.on-site-requested", "ticket.on-site-dispatched",
                "ticket.on-site-completed"), types(eventsOf(id, 4)));
    }

    @Test
    void concurrentRequestsForOneTicketGetOneVisitAndTheOthersA409() throws Exception {
        String id = openTicket();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit(() -> asAgent().body("{\"reason\": \"at once\"}").post(visits(id)).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(201, 409, 409, 409), statuses);
        } finally {
            callers.shutdownNow();
        }
        asAgent().get(visits(id)).then().body("", hasSize(1));
        asAgent().get("/api/v1/tickets/" + id + "/timeline").then()
                .body("type", equalTo(List.of("ticket.opened", "ticket.on-site-requested")));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstVisitAndRequestsNothingNew() {
        String id = openTicket();
        String key = unique();
        String body = "{\"reason\": \"the boiler leaks\"}";
        String first = asAgent().header("Idempotency-Key", key).body(body).post(visits(id)).then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("id");
        dispatch(id, first, "\"technician\": \"tech-1\"", null).statusCode(200);
        asAgent().header("Idempotency-Key", key).body(body).post(visits(id)).then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first))
                .body("step", equalTo("DISPATCHED"));
        asAgent().header("Idempotency-Key", key).body("{\"reason\": \"something else\"}").post(visits(id)).then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("Idempotency-Key '" + key + "' was already used for a different request"));
        asAgent().header("Idempotency-Key", key).body(body).post(visits(openTicket())).then().statusCode(422);
        asAgent().header("Idempotency-Key", key).body(ticketJson("FAULT", "")).post("/api/v1/tickets").then()
                .statusCode(422); // one key, one request, whatever it asked for
        asAgent().header("Idempotency-Key", "has spaces").body(body).post(visits(id)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("idempotencyKey")));

        asAgent().get(visits(id)).then().body("", hasSize(1));
        assertEquals(List.of("ticket.opened", "ticket.on-site-requested", "ticket.on-site-dispatched"),
                types(eventsOf(id, 3)));
    }
}
