package io.pledge.intake.call;

import io.pledge.contracts.Topics;
import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ceTime;
import static io.pledge.intake.support.IntakeApi.data;
import static io.pledge.intake.support.IntakeApi.types;
import static io.pledge.intake.support.IntakeApi.unique;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class CallResourceTest {

    private static final Instant OFFERED = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);

    private static String call(String callId, String outcome) {
        return """
                {"callId": "%s", "queue": "hotline", "callerNumber": "+86 138 0013 8000",
                 "offeredAt": "%s", %s, "agent": "agent-4"}
                """.formatted(callId, OFFERED, outcome);
    }

    /** The caller number of {@link #call}, in any spelling (a bare "138" would match a random UUID now and then). */
    private static boolean carriesTheCallerNumber(String data) {
        return data.contains("0013 8000") || data.replaceAll("[^0-9]", "").contains("8613800138000");
    }

    @Test
    void anAnsweredCallOpensAPhoneTicketWhoseFirstResponseIsTheAnswer() {
        String callId = "call-" + unique();
        String answered = OFFERED.plusSeconds(12).toString();
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            String ticketId = asCrm().body(call(callId, "\"answeredAt\": \"" + answered + "\""))
                    .post("/api/v1/calls").then().statusCode(201)
                    .body("outcome", equalTo("ANSWERED"))
                    .body("waitSeconds", equalTo(12))
                    .extract().path("ticketId");
            asAgent().get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                    .body("channel", equalTo("PHONE"))
                    .body("openedAt", equalTo(OFFERED.toString()))
                    .body("firstResponseAt", equalTo(answered));

            List<ConsumerRecord<String, byte[]>> events = tickets.awaitAtLeast(3, Duration.ofSeconds(20),
                    r -> ticketId.equals(r.key()));
            assertEquals(List.of("ticket.opened", "ticket.first-response", "call.answered"), types(events));
            for (ConsumerRecord<String, byte[]> event : events) {
                String data = new String(event.value(), StandardCharsets.UTF_8);
                assertFalse(carriesTheCallerNumber(data), "no caller number in " + header(event, "ce_type"));
            }

            // the same call reported again changes nothing
            asCrm().body(call(callId, "\"answeredAt\": \"" + answered + "\"")).post("/api/v1/calls")
                    .then().statusCode(201).header("Idempotent-Replayed", "true").body("ticketId", equalTo(ticketId));
            asCrm().body(call(callId, "\"answeredAt\": \"" + OFFERED.plusSeconds(20) + "\"")).post("/api/v1/calls")
                    .then().statusCode(409).contentType("application/problem+json");
            asAgent().get("/api/v1/tickets/" + ticketId + "/timeline").then().body("type",
                    equalTo(List.of("ticket.opened", "ticket.first-response", "call.answered")));
        }
    }

    @Test
    void anAbandonedCallIsPublishedForTheKpisKeyedByCallId() {
        String callId = "call-" + unique();
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            asCrm().body(call(callId, "\"abandonedAt\": \"" + OFFERED.plusSeconds(45) + "\""))
                    .post("/api/v1/calls").then().statusCode(201).body("outcome", equalTo("ABANDONED"));
            ConsumerRecord<String, byte[]> event = tickets.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> callId.equals(r.key())).get(0);
            assertEquals("call.abandoned", header(event, "ce_type"));
            assertFalse(carriesTheCallerNumber(new String(event.value(), StandardCharsets.UTF_8)));
        }
        asAgent().get("/api/v1/calls/" + callId).then().statusCode(200).body("waitSeconds", equalTo(45));
    }

    @Test
    void theTeamAgentAndDepartmentOfACallTravelWithItAndItsEvents() {
        String facts = ", \"team\": \"hotline-east\", \"department\": \"service\"";
        String answeredId = "call-" + unique();
        String abandonedId = "call-" + unique();
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            String ticketId = asCrm().body(call(answeredId, "\"answeredAt\": \"" + OFFERED.plusSeconds(8) + "\"" + facts))
                    .post("/api/v1/calls").then().statusCode(201)
                    .body("team", equalTo("hotline-east"))
                    .body("agent", equalTo("agent-4"))
                    .body("department", equalTo("service"))
                    .extract().path("ticketId");
            asAgent().get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                    .body("team", equalTo("hotline-east"))
                    .body("agent", equalTo("agent-4"))
                    .body("department", equalTo("service"));
            asCrm().body(call(abandonedId, "\"abandonedAt\": \"" + OFFERED.plusSeconds(40) + "\"" + facts))
                    .post("/api/v1/calls").then().statusCode(201)
                    .body("team", equalTo("hotline-east"))
                    .body("department", equalTo("service"));

            ConsumerRecord<String, byte[]> answered = tickets.awaitAtLeast(3, Duration.ofSeconds(20),
                    r -> ticketId.equals(r.key())).get(2);
            assertEquals("call.answered", header(answered, "ce_type"));
            TicketFacts ticket = data(answered, CallAnswered.class).ticket();
            assertEquals(List.of("hotline-east", "agent-4", "service"), List.of(ticket.team(), ticket.agent(), ticket.department()));

            ConsumerRecord<String, byte[]> abandonedEvent = tickets.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> abandonedId.equals(r.key())).get(0);
            CallAbandoned abandoned = data(abandonedEvent, CallAbandoned.class);
            assertEquals(List.of("hotline", "hotline-east", "agent-4", "service"),
                    List.of(abandoned.queue(), abandoned.team(), abandoned.agent(), abandoned.department()));
            assertEquals(40, abandoned.waitSeconds());
            assertEquals(OFFERED.plusSeconds(40), ceTime(abandonedEvent));
        }
        asAgent().get("/api/v1/calls/" + abandonedId).then().statusCode(200)
                .body("queue", equalTo("hotline"))
                .body("team", equalTo("hotline-east"))
                .body("agent", equalTo("agent-4"))
                .body("department", equalTo("service"));
    }

    @Test
    void anAnsweredCallCanJoinAnExistingTicket() {
        String ticketId = io.pledge.intake.support.IntakeApi.openTicket();
        // answered once the ticket is open: an answer before its opening would be a 400
        asCrm().body(call("call-" + unique(), "\"answeredAt\": \"" + Instant.now()
                        + "\", \"ticketId\": \"" + ticketId + "\"").replace(OFFERED.toString(), Instant.now().minusSeconds(5).toString()))
                .post("/api/v1/calls").then().statusCode(201).body("ticketId", equalTo(ticketId));
        asAgent().get("/api/v1/tickets/" + ticketId + "/timeline").then()
                .body("type", equalTo(List.of("ticket.opened", "ticket.first-response", "call.answered")));
    }

    /** A call of the integration test-crm with these times (endedAt and ticketId may be null). */
    private static String callAt(Instant offered, Instant answered, Instant ended, String ticketId) {
        return """
                {"callId": "call-%s", "queue": "hotline", "callerNumber": "+86 138 0013 8000", "offeredAt": "%s",
                 "answeredAt": "%s" %s %s, "agent": "agent-4"}
                """.formatted(unique(), offered, answered, ended == null ? "" : ", \"endedAt\": \"" + ended + "\"",
                ticketId == null ? "" : ", \"ticketId\": \"" + ticketId + "\"");
    }

    @Test
    void aJoinedCallsAnswerIsAStepOnTheTicketNotBeforeItWasOpened() {
        Instant now = Instant.now();
        String fresh = io.pledge.intake.support.IntakeApi.openTicket();
        Instant openedAt = Instant.parse(asAgent().get("/api/v1/tickets/" + fresh).then().extract().path("openedAt"));
        Instant sixDaysAgo = now.minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.SECONDS);
        asCrm().body(callAt(sixDaysAgo, sixDaysAgo.plusSeconds(10), now, fresh)).post("/api/v1/calls").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("answeredAt " + sixDaysAgo.plusSeconds(10) + " is before the ticket was opened at "
                        + openedAt));
        asAgent().get("/api/v1/tickets/" + fresh).then().body("firstResponseAt", nullValue());
        asAgent().get("/api/v1/tickets/" + fresh + "/timeline").then().body("type", equalTo(List.of("ticket.opened")));
    }

    @Test
    void aCallWithAnOldAnswerIsReportedLateInAllItsEventsWhateverItsEnd() {
        Instant now = Instant.now();
        Instant answered = now.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            // read from before the ticket's opening: its ticket.opened may reach the topic after the POST answered
            String lateTicket = io.pledge.intake.support.IntakeApi.openTicketOpenedAt(answered.minus(Duration.ofDays(1)));
            // joining a ticket: its first response is the old answer, and says it was reported late
            asCrm().body(callAt(answered.minusSeconds(30), answered, now, lateTicket)).post("/api/v1/calls").then()
                    .statusCode(201).body("answeredAt", equalTo(answered.toString()));
            List<ConsumerRecord<String, byte[]>> ticketsEvents = tickets.awaitAtLeast(3, Duration.ofSeconds(20),
                    r -> lateTicket.equals(r.key()));
            assertEquals(List.of("ticket.opened", "ticket.first-response", "call.answered"), types(ticketsEvents));
            List<ConsumerRecord<String, byte[]>> joined = ticketsEvents.subList(1, 3);
            assertEquals(Boolean.TRUE, data(joined.get(0), FirstResponse.class).reportedLate());
            assertEquals(answered, data(joined.get(0), FirstResponse.class).respondedAt());
            assertEquals(Boolean.TRUE, data(joined.get(1), CallAnswered.class).reportedLate());

            // opening a ticket: all three events
            String opened = asCrm().body(callAt(answered.minusSeconds(30), answered, now, null)).post("/api/v1/calls")
                    .then().statusCode(201).extract().path("ticketId");
            List<ConsumerRecord<String, byte[]>> events = tickets.awaitAtLeast(3, Duration.ofSeconds(20),
                    r -> opened.equals(r.key()));
            assertEquals(List.of("ticket.opened", "ticket.first-response", "call.answered"), types(events));
            assertEquals(Boolean.TRUE, data(events.get(0), TicketOpened.class).reportedLate());
            assertEquals(Boolean.TRUE, data(events.get(1), FirstResponse.class).reportedLate());
            assertEquals(Boolean.TRUE, data(events.get(2), CallAnswered.class).reportedLate());
        }
        // staff act now: an admin's call answered earlier is refused, whatever its end
        given().auth().oauth2(Tokens.withRoles(Roles.ADMIN)).contentType(ContentType.JSON)
                .body(callAt(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(10)), now, null))
                .post("/api/v1/calls").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("answeredAt: only an integration client may report an earlier time"));
    }

    @Test
    void inconsistentCallsAre400sAndFutureOnes422s() {
        asCrm().body(call("call-" + unique(), "\"answeredAt\": \"" + OFFERED.plusSeconds(1)
                + "\", \"abandonedAt\": \"" + OFFERED.plusSeconds(2) + "\"")).post("/api/v1/calls").then().statusCode(400);
        asCrm().body(call("call-" + unique(), "\"endedAt\": \"" + OFFERED.plusSeconds(2) + "\"")).post("/api/v1/calls")
                .then().statusCode(400);
        asCrm().body(call("call-" + unique(), "\"answeredAt\": \"" + OFFERED.minusSeconds(1) + "\"")).post("/api/v1/calls")
                .then().statusCode(400).body("detail", equalTo("answeredAt is before offeredAt"));
        asCrm().body(call("call-" + unique(), "\"answeredAt\": \"" + Instant.now().plus(Duration.ofHours(1)) + "\""))
                .post("/api/v1/calls").then().statusCode(422).body("detail", containsString("is in the future"));
        asCrm().body(call("bad id!", "\"answeredAt\": \"" + OFFERED.plusSeconds(1) + "\"")).post("/api/v1/calls")
                .then().statusCode(400).body("errors.field", equalTo(List.of("callId")));
        asCrm().body(call("call-" + unique(), "\"answeredAt\": \"" + OFFERED.plusSeconds(1)
                        + "\", \"ticketId\": \"00000000-0000-0000-0000-000000000000\"")).post("/api/v1/calls")
                .then().statusCode(404).contentType("application/problem+json");
        asAgent().body(call("call-" + unique(), "\"answeredAt\": \"" + OFFERED.plusSeconds(1) + "\""))
                .post("/api/v1/calls").then().statusCode(403);
    }
}
