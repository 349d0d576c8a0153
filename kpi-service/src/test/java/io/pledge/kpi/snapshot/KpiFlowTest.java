package io.pledge.kpi.snapshot;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.pledge.kpi.KpiTesting.PATIENCE;
import static io.pledge.kpi.KpiTesting.deliver;
import static io.pledge.kpi.KpiTesting.line;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events from every topic become KPIs, each counted once, and changed values go out as snapshots. */
@QuarkusTest
class KpiFlowTest {

    @Test
    void eventsFromEveryTopicMakeTheTeamsScorecardEachCountedOnce() {
        String team = "kpi-" + UUID.randomUUID();
        Instant openedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(7200);
        TicketFacts open = new TicketFacts(UUID.randomUUID(), "CRM-K", Channel.EMAIL, Category.FAULT, Priority.HIGH,
                TicketStatus.OPEN, team, "agent-k", null);
        TicketFacts resolved = new TicketFacts(open.ticketId(), "CRM-K", Channel.EMAIL, Category.FAULT, Priority.HIGH,
                TicketStatus.RESOLVED, team, "agent-k", null);
        Instant resolvedAt = openedAt.plusSeconds(3600);
        SlaClockFacts clock = new SlaClockFacts(UUID.randomUUID(), open.ticketId(), "FIRST_RESPONSE", "seed-email",
                Duration.ofHours(24), "24x7", Channel.EMAIL, Category.FAULT, Priority.HIGH, team, "agent-k");
        ProducerRecord<String, byte[]> opened = cloudEvent(new TicketOpened(open, null, "crm", List.of(), openedAt, null), openedAt);
        ProducerRecord<String, byte[]> met = cloudEvent(new SlaMet(clock, 600, openedAt.plusSeconds(600)), openedAt.plusSeconds(600));
        deliver(opened, opened,
                cloudEvent(new TicketResolved(resolved, "FIXED", openedAt, resolvedAt, 1, 0, null), resolvedAt),
                cloudEvent(new SlaClockStarted(clock, openedAt, openedAt.plus(Duration.ofHours(24))), openedAt),
                met, met,
                cloudEvent(new SurveyCompleted(UUID.randomUUID(), resolved, "TICKET_RESOLVED", null, 5, 10, 7, null, null,
                        "SATISFIED", "PROMOTER", "EASY", false, false, resolvedAt, resolvedAt, resolvedAt.plusSeconds(60)),
                        resolvedAt.plusSeconds(60)));

        Map<String, Object> scorecard = given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("team", team)
                .get("/api/v1/kpis/scorecard").then().statusCode(200).extract().as(Map.class);
        assertEquals(1.0, line(scorecard, "tickets.opened").get("value"));
        assertEquals(0.0, line(scorecard, "tickets.backlog").get("value"));
        assertEquals(100.0, line(scorecard, "resolution.rate").get("value"));
        assertEquals("ON_TARGET", line(scorecard, "resolution.rate").get("status"));
        assertEquals(100.0, line(scorecard, "resolution.first-contact").get("value"));
        assertEquals(100.0, line(scorecard, "first-response.attainment").get("value"));
        assertEquals(1, line(scorecard, "first-response.attainment").get("samples"));
        // a histogram keeps three significant digits
        assertEquals(600.0, (Double) line(scorecard, "first-response.business-time.mean").get("value"), 1.0);
        assertEquals(100.0, line(scorecard, "csat").get("value"));
        assertEquals(100.0, line(scorecard, "nps").get("value"));
        assertEquals("NO_TARGET", line(scorecard, "nps").get("status"));
    }

    @Test
    void aChangedValueIsPublishedAsASnapshotAndALateEventRepublishesItsOwnPastBucket() {
        String team = "kpi-" + UUID.randomUUID();
        Instant lateAt = Instant.parse("2026-11-20T10:00:00Z");
        TicketFacts facts = new TicketFacts(UUID.randomUUID(), "CRM-S", Channel.CHAT, Category.INQUIRY, Priority.LOW,
                TicketStatus.OPEN, team, null, null);
        String pastDayKey = "tickets.opened/team=" + team + "/day:2026-11-20T00:00:00Z";
        try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
            deliver(cloudEvent(new TicketOpened(facts, null, "crm", List.of(), lateAt, null), lateAt));
            ConsumerRecord<String, byte[]> snapshot = snapshots.awaitAtLeast(1, PATIENCE, r -> pastDayKey.equals(r.key())).get(0);
            assertEquals(1.0, EventCodec.parse(snapshot.value()).path("value").asDouble());

            TicketFacts second = new TicketFacts(UUID.randomUUID(), "CRM-S", Channel.CHAT, Category.INQUIRY, Priority.LOW,
                    TicketStatus.OPEN, team, null, null);
            deliver(cloudEvent(new TicketOpened(second, null, "crm", List.of(), lateAt.plusSeconds(60), null), lateAt.plusSeconds(60)));
            await().atMost(PATIENCE).until(() -> {
                List<ConsumerRecord<String, byte[]>> all = snapshots.records(r -> pastDayKey.equals(r.key()));
                return EventCodec.parse(all.get(all.size() - 1).value()).path("value").asDouble() == 2.0;
            });
        }
        given().auth().oauth2(Tokens.withRoles("dashboard")).queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + team).queryParam("bucket", "day")
                .queryParam("from", "2026-11-20T00:00:00Z").queryParam("to", "2026-11-21T00:00:00Z")
                .get("/api/v1/kpis").then().statusCode(200).body("points[0].value", equalTo(2.0f));
    }

    @Test
    void closedComplaintsRankTheirRootCausesPerTeam() {
        String team = "kpi-" + UUID.randomUUID();
        Instant closedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(7200);
        List<ProducerRecord<String, byte[]>> closed = new ArrayList<>();
        for (String cause : List.of("TRAINING_GAP", "BILLING_ERROR", "TRAINING_GAP")) {
            TicketFacts ticket = new TicketFacts(UUID.randomUUID(), "CRM-RC", Channel.PHONE, Category.COMPLAINT,
                    Priority.NORMAL, TicketStatus.CLOSED, team, "agent-rc", "billing");
            closed.add(cloudEvent(new ComplaintClosed(ticket, UUID.randomUUID(), 1, "billing", "BILLING", "MINOR", cause,
                    "coached the team", false, "supervisor-1", closedAt.minusSeconds(86400), closedAt), closedAt));
        }
        @SuppressWarnings("unchecked")
        ProducerRecord<String, byte[]>[] records = closed.toArray(new ProducerRecord[0]);
        deliver(records);

        double share = given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("dimension", "team=" + team)
                .get("/api/v1/kpis/root-causes").then().statusCode(200)
                .body("closedComplaints", equalTo(3))
                .body("rootCauses.rootCause", contains("training-gap", "billing-error"))
                .body("rootCauses.complaints", contains(2, 1))
                .extract().jsonPath().getDouble("rootCauses[0].share");
        assertEquals(66.67, share, 0.01);
        given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("dimension", "team=" + team)
                .queryParam("limit", 1).get("/api/v1/kpis/root-causes").then().statusCode(200)
                .body("closedComplaints", equalTo(3)).body("rootCauses", hasSize(1));
        given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("limit", 0)
                .get("/api/v1/kpis/root-causes").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("integration")).get("/api/v1/kpis/root-causes").then().statusCode(403);
    }

    @Test
    void targetsHaveDefaultsAndAdminsChangeThem() {
        given().auth().oauth2(Tokens.withRoles("dashboard")).get("/api/v1/kpis/targets").then().statusCode(200)
                .body("items.find { it.kpi == 'csat' }.target", equalTo(90.0f));
        given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                .body(Map.of("target", 42.0, "atRiskWithin", 1.0)).put("/api/v1/kpis/targets/survey.response-rate")
                .then().statusCode(200).body("target", equalTo(42.0f)).body("isDefault", equalTo(false));
        given().auth().oauth2(Tokens.withRoles("supervisor")).contentType("application/json")
                .body(Map.of("target", 1.0, "atRiskWithin", 1.0)).put("/api/v1/kpis/targets/csat").then().statusCode(403);
        given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                .body(Map.of("target", 1.0, "atRiskWithin", 1.0)).put("/api/v1/kpis/targets/happiness").then().statusCode(404);
        given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                .body(Map.of("target", 1.0, "atRiskWithin", -1.0)).put("/api/v1/kpis/targets/csat").then().statusCode(400);
        given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("month", "November")
                .get("/api/v1/kpis/scorecard").then().statusCode(400);
        given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("team", "a").queryParam("agent", "b")
                .get("/api/v1/kpis/scorecard").then().statusCode(400);
    }

    @Test
    void adminsChangingATargetWithTheSameIfMatchAtOnceGetOne200AndTheRest412() throws Exception {
        int version = given().auth().oauth2(Tokens.withRoles("admin")).get("/api/v1/kpis/targets")
                .then().statusCode(200).extract().path("items.find { it.kpi == 'tickets.closed' }.version");
        int admins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                double target = 30 + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                            .header("If-Match", "\"" + version + "\"")
                            .body(Map.of("target", target, "atRiskWithin", 5.0)).put("/api/v1/kpis/targets/tickets.closed")
                            .then().extract().statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(admins - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.withRoles("admin")).get("/api/v1/kpis/targets")
                .then().body("items.find { it.kpi == 'tickets.closed' }.version", equalTo(version + 1));
    }
}
