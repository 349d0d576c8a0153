package io.pledge.sla.clock;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.Topics;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteDispatched;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.contracts.ticket.TicketStatusChanged;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ticket events through real Kafka into clocks, and the SLA events that come out. */
@QuarkusTest
class SlaClockFlowTest {

    @Inject
    EntityManager em;

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static TicketFacts ticket(Channel channel, Priority priority, TicketStatus status, UUID id) {
        return new TicketFacts(id, "CRM-SLA", channel, Category.INQUIRY, priority, status, "sla-team", "agent-1", null);
    }

    private static ProducerRecord<String, byte[]> event(PledgeEvent data, Instant at) {
        return cloudEvent(data, at);
    }

    /** Sends the events of one ticket in order, then waits until sla-service has applied all of them. */
    @SafeVarargs
    private static void deliver(UUID ticketId, ProducerRecord<String, byte[]>... events) {
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            ProducerRecord<String, byte[]>[] all = java.util.Arrays.copyOf(events, events.length + 1);
            all[events.length] = new ProducerRecord<>(Topics.TICKETS, ticketId.toString(),
                    "applied-up-to-here marker".getBytes(StandardCharsets.UTF_8));
            KafkaTestSupport.send(all);
            dlq.awaitAtLeast(1, Duration.ofSeconds(30), r -> ticketId.toString().equals(r.key()));
        }
    }

    /** The ticket's clock for {@code metric}, as GET /api/v1/tickets/{id}/sla shows it. */
    private static Map<String, Object> clock(UUID ticketId, String metric) {
        return given().auth().oauth2(Tokens.withRoles("agent")).get("/api/v1/tickets/" + ticketId + "/sla")
                .then().statusCode(200).extract().jsonPath().getMap("clocks.find { it.metric == '" + metric + "' }");
    }

    private static long seconds(Map<String, Object> clock, String field) {
        return ((Number) clock.get(field)).longValue();
    }

    private static List<String> slaTypes(TopicReader sla, UUID ticketId, int atLeast) {
        return sla.awaitAtLeast(atLeast, Duration.ofSeconds(30), r -> ticketId.toString().equals(r.key()))
                .stream().map(r -> header(r, "ce_type")).toList();
    }

    @Test
    void aFirstResponseWithinTheTargetIsMetOnceHoweverOftenItIsDelivered() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofMinutes(10));
        TicketFacts facts = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.OPEN, id);
        var response = event(new FirstResponse(facts, UUID.randomUUID(), "agent-1", opened.plusSeconds(300), opened, null),
                opened.plusSeconds(300));
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(facts, null, "crm", List.of(), opened, null), opened), response, response);
            assertEquals("MET", clock(id, "FIRST_RESPONSE").get("state"));
            assertEquals(300, seconds(clock(id, "FIRST_RESPONSE"), "elapsedSeconds"));
            assertEquals(opened.plus(Duration.ofHours(24)).toString(), clock(id, "FIRST_RESPONSE").get("dueAt"),
                    "a met clock shows the instant it was due");
            List<ConsumerRecord<String, byte[]>> met = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.met".equals(header(r, "ce_type")));
            assertEquals(1, met.size());
            assertEquals(opened.plusSeconds(300), Instant.parse(header(met.get(0), "ce_time")));
        }
    }

    @Test
    void anUnansweredCallBreachesWhenItsDueInstantPassesWithWarningsBeforeOnce() {
        UUID id = UUID.randomUUID();
        Instant offered = Instant.now().minusSeconds(18).truncatedTo(ChronoUnit.SECONDS); // due in ~12 s
        TicketFacts facts = ticket(Channel.PHONE, Priority.NORMAL, TicketStatus.OPEN, id);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(facts, null, "phone", List.of(), offered, null), offered));
            List<ConsumerRecord<String, byte[]>> breached = sla.awaitAtLeast(1, Duration.ofSeconds(40),
                    r -> id.toString().equals(r.key()) && "sla.breached".equals(header(r, "ce_type")));
            assertEquals(offered.plusSeconds(31), Instant.parse(header(breached.get(0), "ce_time")));
            List<String> types = sla.records(r -> id.toString().equals(r.key())).stream()
                    .map(r -> header(r, "ce_type")).filter(t -> !t.equals("sla.clock-started")).toList();
            assertEquals(List.of("sla.warning", "sla.warning", "sla.warning", "sla.breached"), types);
            assertEquals("BREACHED", clock(id, "FIRST_RESPONSE").get("state"));

            Instant answered = offered.plusSeconds(45);
            deliver(id, event(new FirstResponse(facts, null, "agent-1", answered, offered, null), answered));
            Map<String, Object> stopped = clock(id, "FIRST_RESPONSE");
            assertEquals("BREACHED", stopped.get("state"));
            assertEquals(offered.plusSeconds(30).toString(), stopped.get("dueAt"), "a breached clock shows the instant it was due");
            ConsumerRecord<String, byte[]> stop = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.clock-stopped".equals(header(r, "ce_type"))).get(0);
            var data = EventCodec.parse(stop.value());
            assertEquals(45, data.get("elapsedSeconds").asLong(), "how long the breached promise took");
            assertEquals(false, data.get("withinTarget").asBoolean());
        }
    }

    @Test
    void aLateReportedAnswerRetractsTheBreachAndTheClockIsMet() {
        UUID id = UUID.randomUUID();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            ConsumerRecord<String, byte[]> retracted = breachedThenAnsweredWithin20s(sla, id, null);
            assertEquals("MET", clock(id, "FIRST_RESPONSE").get("state"));
            List<String> types = slaTypes(sla, id, 1).stream()
                    .filter(t -> t.equals("sla.breached") || t.equals("sla.breach-retracted") || t.equals("sla.met")).toList();
            assertEquals(List.of("sla.breached", "sla.breach-retracted", "sla.met"), types);
            assertEquals(false, EventCodec.parse(retracted.value()).has("reportedLate"),
                    "a reply not reported late: the retraction does not say late");
        }
    }

    @Test
    void aBreachRetractedByAFirstResponseReportedLateSaysReportedLate() {
        UUID id = UUID.randomUUID();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            // the CRM reports, late, that the call was answered 20 s after it was offered
            var data = EventCodec.parse(breachedThenAnsweredWithin20s(sla, id, true).value());
            assertEquals(true, data.get("reportedLate").asBoolean());
            assertEquals(NOW.minus(Duration.ofMinutes(5)).plusSeconds(20).toString(), data.get("stoppedAt").asText());
        }
    }

    /**
     * A phone ticket offered 5 minutes ago, learned late so that its breach is announced, then a
     * first response 20 s after the offer ({@code reportedLate} as given): the retraction it causes.
     */
    private static ConsumerRecord<String, byte[]> breachedThenAnsweredWithin20s(TopicReader sla, UUID id, Boolean reportedLate) {
        Instant offered = NOW.minus(Duration.ofMinutes(5));
        TicketFacts facts = ticket(Channel.PHONE, Priority.HIGH, TicketStatus.OPEN, id);
        deliver(id, event(new TicketOpened(facts, null, "phone", List.of(), offered, null), offered));
        // learned late, so announced once the settle time has passed with no correction
        await().atMost(Duration.ofSeconds(20)).until(() -> "BREACHED".equals(clock(id, "FIRST_RESPONSE").get("state")));
        deliver(id, event(new FirstResponse(facts, null, "agent-1", offered.plusSeconds(20), offered, reportedLate),
                offered.plusSeconds(20)));
        return sla.awaitAtLeast(1, Duration.ofSeconds(20),
                r -> id.toString().equals(r.key()) && "sla.breach-retracted".equals(header(r, "ce_type"))).get(0);
    }

    @Test
    void waitingForTheCustomerPausesTheResolutionClockAndAReopenResumesIt() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofHours(10));
        TicketFacts open = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.OPEN, id);
        TicketFacts pending = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.PENDING_CUSTOMER, id);
        TicketFacts resolved = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.RESOLVED, id);
        deliver(id,
                event(new TicketOpened(open, null, "crm", List.of(), opened, null), opened),
                event(new TicketStatusChanged(pending, TicketStatus.OPEN, "asked", opened.plus(Duration.ofHours(1)), null),
                        opened.plus(Duration.ofHours(1))),
                event(new TicketStatusChanged(open, TicketStatus.PENDING_CUSTOMER, "answered", opened.plus(Duration.ofHours(3)), null),
                        opened.plus(Duration.ofHours(3))),
                event(new TicketResolved(resolved, "FIXED", opened, opened.plus(Duration.ofHours(4)), 1, 0, null),
                        opened.plus(Duration.ofHours(4))));
        Map<String, Object> resolution = clock(id, "RESOLUTION");
        assertEquals("MET", resolution.get("state"));
        assertEquals(2 * 3600, seconds(resolution, "elapsedSeconds"));
        assertEquals(2 * 3600, seconds(resolution, "pausedSeconds"));

        deliver(id, event(new TicketReopened(open, TicketStatus.RESOLVED, "not fixed", opened.plus(Duration.ofHours(6)), 1, null),
                opened.plus(Duration.ofHours(6))));
        resolution = clock(id, "RESOLUTION");
        assertEquals("RUNNING", resolution.get("state"));
        // 2 h before the resolution, and 4 h since the reopening
        await().atMost(Duration.ofSeconds(5)).until(() -> seconds(clock(id, "RESOLUTION"), "elapsedSeconds") >= 6 * 3600);
    }

    @Test
    void reclassificationKeepsTheStartAndAppliesTheNewPolicysTarget() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofMinutes(30));
        TicketFacts normal = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.OPEN, id);
        TicketFacts urgent = ticket(Channel.EMAIL, Priority.URGENT, TicketStatus.OPEN, id);
        deliver(id, event(new TicketOpened(normal, null, "crm", List.of(), opened, null), opened),
                event(new TicketReclassified(urgent, Priority.NORMAL, Category.INQUIRY, NOW), NOW));
        Map<String, Object> first = clock(id, "FIRST_RESPONSE");
        assertEquals("seed-urgent", first.get("policyId"));
        assertEquals("PT1H", first.get("target"));
        assertEquals(opened.toString(), first.get("startedAt"));
        assertEquals(opened.plus(Duration.ofHours(1)).toString(), first.get("dueAt"));
    }

    @Test
    void aCustomerMessageAwaitsTheNextAgentReplyAndClosingCancelsWhatRuns() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofMinutes(20));
        TicketFacts chat = ticket(Channel.CHAT, Priority.NORMAL, TicketStatus.OPEN, id);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(chat, null, "crm", List.of(), opened, null), opened),
                    event(new CustomerReplied(chat, UUID.randomUUID(), opened.plusSeconds(60), false, null), opened.plusSeconds(60)),
                    event(new AgentReplied(chat, UUID.randomUUID(), "agent-1", opened.plusSeconds(180), null), opened.plusSeconds(180)));
            assertEquals("MET", clock(id, "NEXT_RESPONSE").get("state"));
            assertEquals(120, seconds(clock(id, "NEXT_RESPONSE"), "elapsedSeconds"));
            TicketFacts closed = ticket(Channel.CHAT, Priority.NORMAL, TicketStatus.CLOSED, id);
            deliver(id, event(new TicketClosed(closed, null, NOW, null), NOW));
            assertEquals("CANCELLED", clock(id, "FIRST_RESPONSE").get("state"));
            assertEquals("CANCELLED", clock(id, "RESOLUTION").get("state"));
            assertEquals(2, slaTypes(sla, id, 1).stream().filter("sla.clock-cancelled"::equals).count());
        }
    }

    @Test
    void aComplaintIsOwedAnUpdateEvery24HoursAndEachUpdateStartsTheNextPeriod() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofHours(30));
        TicketFacts complaint = new TicketFacts(id, "C", Channel.EMAIL, Category.COMPLAINT, Priority.NORMAL,
                TicketStatus.OPEN, "care", null, null);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(complaint, null, "crm", List.of(), opened, null), opened),
                    event(new FirstResponse(complaint, UUID.randomUUID(), "a", opened.plus(Duration.ofHours(10)), opened, null),
                            opened.plus(Duration.ofHours(10))),
                    event(new AgentReplied(complaint, UUID.randomUUID(), "a", opened.plus(Duration.ofHours(29)), null),
                            opened.plus(Duration.ofHours(29))));
            Map<String, Object> periodic = clock(id, "PERIODIC_UPDATE");
            assertEquals("RUNNING", periodic.get("state"));
            assertEquals(opened.plus(Duration.ofHours(29)).toString(), periodic.get("startedAt"));
            List<ConsumerRecord<String, byte[]>> met = sla.awaitAtLeast(3, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.met".equals(header(r, "ce_type")));
            assertEquals(3, met.size(), "first response, and the two update periods");
        }
    }

    @Test
    void anEscalatedComplaintStartsTheSupervisorContactMilestoneAndTheContactStopsIt() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofHours(5));
        // a web complaint: the seeded complaint policy applies (a phone one would get the phone policy)
        TicketFacts web = new TicketFacts(id, "C", Channel.WEB, Category.COMPLAINT, Priority.HIGH,
                TicketStatus.OPEN, "care", null, null);
        deliver(id, event(new TicketOpened(web, null, "crm", List.of(), opened, null), opened));
        Instant escalated = opened.plus(Duration.ofHours(1));
        Instant contacted = escalated.plus(Duration.ofHours(2));
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.COMPLAINTS))) {
            KafkaTestSupport.send(
                    event(new io.pledge.contracts.complaint.ComplaintEscalated(web, UUID.randomUUID(), 2, "CUSTOMER_REJECTED",
                            escalated.plus(Duration.ofHours(24)), escalated), escalated),
                    event(new io.pledge.contracts.complaint.ComplaintContacted(web, UUID.randomUUID(), 2, "supervisor-1",
                            contacted), contacted),
                    new ProducerRecord<>(Topics.COMPLAINTS, id.toString(), "marker".getBytes(StandardCharsets.UTF_8)));
            dlq.awaitAtLeast(1, Duration.ofSeconds(30), r -> id.toString().equals(r.key()));
        }
        Map<String, Object> milestone = clock(id, "SUPERVISOR_CONTACT");
        assertEquals("MET", milestone.get("state"));
        assertEquals(2 * 3600, seconds(milestone, "elapsedSeconds"));
        assertEquals("seed-complaint", milestone.get("policyId"));
    }

    @Test
    void aPolicyMayRestartTheResolutionClockOnReopenAndKeepItsTargetsOnReclassification() {
        String tag = "settings-" + UUID.randomUUID();
        String policy = given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                .queryParam("position", 1)
                .body("""
                        {"name": "settings", "conditions": {"tags": ["%s"]}, "onReopen": "RESTART", "onReclassify": "KEEP",
                         "targets": [{"metric": "FIRST_RESPONSE", "duration": "PT2H", "calendarId": "24x7"},
                                     {"metric": "RESOLUTION", "duration": "PT10H", "calendarId": "24x7"}]}
                        """.formatted(tag))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().path("id");
        try {
            UUID id = UUID.randomUUID();
            Instant opened = NOW.minus(Duration.ofHours(5));
            TicketFacts open = ticket(Channel.WEB, Priority.NORMAL, TicketStatus.OPEN, id);
            TicketFacts urgent = ticket(Channel.WEB, Priority.URGENT, TicketStatus.OPEN, id);
            TicketFacts resolved = ticket(Channel.WEB, Priority.URGENT, TicketStatus.RESOLVED, id);
            deliver(id, event(new TicketOpened(open, null, "crm", List.of(tag), opened, null), opened),
                    event(new TicketReclassified(urgent, Priority.NORMAL, Category.INQUIRY, opened.plusSeconds(60)),
                            opened.plusSeconds(60)),
                    event(new TicketResolved(resolved, "FIXED", opened, opened.plus(Duration.ofHours(2)), 1, 0, null),
                            opened.plus(Duration.ofHours(2))),
                    event(new TicketReopened(urgent, TicketStatus.RESOLVED, "again", opened.plus(Duration.ofHours(3)), 1, null),
                            opened.plus(Duration.ofHours(3))));
            assertEquals("PT2H", clock(id, "FIRST_RESPONSE").get("target"), "KEEP: no new target after reclassification");
            Map<String, Object> resolution = clock(id, "RESOLUTION");
            assertEquals("RUNNING", resolution.get("state"));
            assertEquals(opened.plus(Duration.ofHours(3)).toString(), resolution.get("startedAt"), "RESTART: a new cycle");
            long elapsed = seconds(resolution, "elapsedSeconds");
            assertEquals(true, elapsed >= 2 * 3600 && elapsed < 3 * 3600, "only the time since the reopening: " + elapsed);
        } finally {
            given().auth().oauth2(Tokens.withRoles("admin")).delete("/api/v1/sla-policies/" + policy).then().statusCode(204);
        }
    }

    @Test
    void aReclassificationToAPolicyWithFewerWarningsKeepsTheClockGoingAndTellsNoWarningTwice() {
        String tag = "thresholds-" + UUID.randomUUID();
        String many = policy(tag, "LOW", "[10, 20, 30]");
        String one = policy(tag, "HIGH", "[90]");
        try {
            UUID id = UUID.randomUUID();
            Instant opened = NOW.minus(Duration.ofMinutes(30)); // 1 h target: 10, 20 and 30 % reached
            TicketFacts low = ticket(Channel.WEB, Priority.LOW, TicketStatus.OPEN, id);
            try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
                deliver(id, event(new TicketOpened(low, null, "crm", List.of(tag), opened, null), opened));
                sla.awaitAtLeast(3, Duration.ofSeconds(20), r -> id.toString().equals(r.key())
                        && "sla.warning".equals(header(r, "ce_type")));

                TicketFacts high = ticket(Channel.WEB, Priority.HIGH, TicketStatus.OPEN, id);
                deliver(id, event(new TicketReclassified(high, Priority.LOW, Category.INQUIRY, NOW), NOW));
                Map<String, Object> first = clock(id, "FIRST_RESPONSE");
                assertEquals(one, first.get("policyId"));
                assertEquals("RUNNING", first.get("state"));
                assertEquals(List.of(), sla.records(r -> id.toString().equals(r.key())
                        && "sla.warning-retracted".equals(header(r, "ce_type"))), "the 90 % warning was never told");
            }
        } finally {
            for (String policy : List.of(many, one)) {
                given().auth().oauth2(Tokens.withRoles("admin")).delete("/api/v1/sla-policies/" + policy).then().statusCode(204);
            }
        }
    }

    /** A policy for tickets of {@code tag} and {@code priority}: first response within 1 h, warned at {@code warnings}. */
    private static String policy(String tag, String priority, String warnings) {
        return given().auth().oauth2(Tokens.withRoles("admin")).contentType("application/json")
                .queryParam("position", 1)
                .body("""
                        {"name": "warnings %s", "conditions": {"tags": ["%s"], "priorities": ["%s"]},
                         "targets": [{"metric": "FIRST_RESPONSE", "duration": "PT1H", "calendarId": "24x7",
                                      "warningThresholds": %s}]}
                        """.formatted(warnings, tag, priority, warnings))
                .post("/api/v1/sla-policies").then().statusCode(201).extract().path("id");
    }

    @Test
    void aBackdatedOpeningThenClosedInTheSameBacklogIsStillAnnouncedBreached() {
        UUID id = UUID.randomUUID();
        Instant offered = NOW.minus(Duration.ofMinutes(5)); // a 30 s promise, long broken when it arrives
        TicketFacts facts = ticket(Channel.PHONE, Priority.NORMAL, TicketStatus.OPEN, id);
        TicketFacts closed = ticket(Channel.PHONE, Priority.NORMAL, TicketStatus.CLOSED, id);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(facts, null, "phone", List.of(), offered, null), offered),
                    event(new TicketClosed(closed, null, offered.plusSeconds(120), null), offered.plusSeconds(120)));
            assertEquals("CANCELLED", clock(id, "FIRST_RESPONSE").get("state"));
            ConsumerRecord<String, byte[]> breached = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.breached".equals(header(r, "ce_type"))).get(0);
            assertEquals(offered.plusSeconds(31), Instant.parse(header(breached, "ce_time")));
        }
    }

    @Test
    void aBackdatedOpeningAndItsReplyInOneBacklogAnnounceNoWarningAndNoBreach() {
        UUID id = UUID.randomUUID();
        Instant offered = NOW.minus(Duration.ofMinutes(5)); // a 30 s promise, long past when it arrives
        TicketFacts facts = ticket(Channel.PHONE, Priority.NORMAL, TicketStatus.OPEN, id);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(facts, null, "phone", List.of(), offered, null), offered),
                    event(new FirstResponse(facts, null, "agent-1", offered.plusSeconds(20), offered, null), offered.plusSeconds(20)));
            assertEquals("MET", clock(id, "FIRST_RESPONSE").get("state"));
            sla.awaitAtLeast(1, Duration.ofSeconds(20), r -> id.toString().equals(r.key()) && "sla.met".equals(header(r, "ce_type")));
            // a ticket's SLA events are in order on one partition: whatever was announced before the met is here
            List<String> types = slaTypes(sla, id, 1);
            List<String> upToMet = types.subList(0, types.indexOf("sla.met") + 1);
            assertEquals(List.of(), upToMet.stream().filter(t -> t.startsWith("sla.warning") || t.equals("sla.breached")).toList());
            assertEquals(List.of(), pendingAlarms(id, "FIRST_RESPONSE"), "nothing is left for the alarm scan to announce");
        }
    }

    @Test
    void aLateEarlierReplyRetractsAWarningAnnouncedBeforeIt() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofHours(13)); // e-mail, 24 h: 50 % used, 75 % not yet
        TicketFacts facts = ticket(Channel.EMAIL, Priority.NORMAL, TicketStatus.OPEN, id);
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            deliver(id, event(new TicketOpened(facts, null, "crm", List.of(), opened, null), opened));
            ConsumerRecord<String, byte[]> warning = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.warning".equals(header(r, "ce_type"))).get(0);
            assertEquals(50, EventCodec.parse(warning.value()).get("thresholdPercent").asInt());

            Instant replied = opened.plus(Duration.ofHours(1));
            deliver(id, event(new FirstResponse(facts, null, "agent-1", replied, opened, null), replied));
            assertEquals("MET", clock(id, "FIRST_RESPONSE").get("state"));
            ConsumerRecord<String, byte[]> retracted = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.warning-retracted".equals(header(r, "ce_type"))).get(0);
            var data = EventCodec.parse(retracted.value());
            assertEquals(50, data.get("thresholdPercent").asInt());
            assertEquals(3600, data.get("elapsedSeconds").asLong());
            assertEquals(1, sla.records(r -> id.toString().equals(r.key())
                    && "sla.warning".equals(header(r, "ce_type"))).size(), "only the 50 % warning was ever announced");
        }
    }

    @Test
    void anOnSiteRequestStartsTheDispatchMilestoneAndTheTechniciansDispatchMeetsIt() {
        UUID id = UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        Instant requested = NOW.minus(Duration.ofHours(3));
        TicketFacts fault = new TicketFacts(id, "C", Channel.WEB, Category.FAULT, Priority.NORMAL,
                TicketStatus.OPEN, "field", null, null);
        deliver(id, event(new TicketOpened(fault, null, "crm", List.of(), requested, null), requested),
                event(new OnSiteRequested(fault, visit, "router dead", "agent-1", requested, null), requested));
        Map<String, Object> running = clock(id, "ON_SITE_DISPATCH");
        assertEquals("seed-general", running.get("policyId"));
        assertEquals("PT2H", running.get("target"));
        assertEquals(requested.plus(Duration.ofHours(2)).toString(), running.get("dueAt"));

        Instant dispatched = requested.plus(Duration.ofMinutes(90));
        deliver(id, event(new OnSiteDispatched(fault, visit, "tech-3", requested, dispatched, null),
                dispatched));
        Map<String, Object> met = clock(id, "ON_SITE_DISPATCH");
        assertEquals("MET", met.get("state"));
        assertEquals(90 * 60, seconds(met, "elapsedSeconds"));
    }

    @Test
    void aWithdrawnEscalationCancelsTheSupervisorContactClock() {
        UUID id = UUID.randomUUID();
        Instant opened = NOW.minus(Duration.ofHours(5));
        TicketFacts web = new TicketFacts(id, "C", Channel.WEB, Category.COMPLAINT, Priority.HIGH,
                TicketStatus.OPEN, "care", null, null);
        deliver(id, event(new TicketOpened(web, null, "crm", List.of(), opened, null), opened));
        Instant escalated = opened.plus(Duration.ofHours(1));
        Instant withdrawn = escalated.plus(Duration.ofMinutes(1));
        UUID complaint = UUID.randomUUID();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA);
             TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.COMPLAINTS))) {
            KafkaTestSupport.send(
                    event(new io.pledge.contracts.complaint.ComplaintEscalated(web, complaint, 2, "SLA_BREACHED",
                            escalated.plus(Duration.ofHours(24)), escalated), escalated),
                    event(new ComplaintEscalationWithdrawn(web, complaint, 1, 2, "SLA_BREACHED",
                            "SLA_BREACHED:" + UUID.randomUUID(), null, withdrawn), withdrawn),
                    new ProducerRecord<>(Topics.COMPLAINTS, id.toString(), "marker".getBytes(StandardCharsets.UTF_8)));
            dlq.awaitAtLeast(1, Duration.ofSeconds(30), r -> id.toString().equals(r.key()));
            assertEquals("CANCELLED", clock(id, "SUPERVISOR_CONTACT").get("state"));
            ConsumerRecord<String, byte[]> cancelled = sla.awaitAtLeast(1, Duration.ofSeconds(20),
                    r -> id.toString().equals(r.key()) && "sla.clock-cancelled".equals(header(r, "ce_type"))).get(0);
            assertEquals("SUPERVISOR_CONTACT", EventCodec.parse(cancelled.value())
                    .path("clock").path("metric").asText());
        }
    }

    /** Alarm instants the scan still has to look at for the ticket's clock of {@code metric}. */
    private List<Object> pendingAlarms(UUID ticketId, String metric) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                        select c.nextAlertAt from SlaClock c
                        where c.ticketId = :t and c.metric = :m and c.nextAlertAt is not null""", Object.class)
                .setParameter("t", ticketId).setParameter("m", metric).getResultList());
    }

    @Test
    void theSupervisorsQueueListsClocksDueSoonestFirst() {
        UUID soon = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        String team = "queue-" + UUID.randomUUID();
        TicketFacts a = new TicketFacts(soon, "C", Channel.EMAIL, Category.INQUIRY, Priority.URGENT, TicketStatus.OPEN, team, null, null);
        TicketFacts b = new TicketFacts(later, "C", Channel.EMAIL, Category.INQUIRY, Priority.URGENT, TicketStatus.OPEN, team, null, null);
        deliver(later, event(new TicketOpened(b, null, "crm", List.of(), NOW.minus(Duration.ofMinutes(10)), null), NOW.minus(Duration.ofMinutes(10))));
        deliver(soon, event(new TicketOpened(a, null, "crm", List.of(), NOW.minus(Duration.ofMinutes(40)), null), NOW.minus(Duration.ofMinutes(40))));
        List<String> queue = given().auth().oauth2(Tokens.withRoles("supervisor"))
                .queryParam("within", "PT1H").queryParam("team", team).get("/api/v1/sla/at-risk")
                .then().statusCode(200).extract().path("ticketId");
        assertEquals(List.of(soon.toString(), later.toString()), queue);
        given().auth().oauth2(Tokens.withRoles("supervisor")).queryParam("within", "soon").get("/api/v1/sla/at-risk")
                .then().statusCode(400);
    }
}
