package io.pledge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintAcknowledged;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.complaint.ComplaintContacted;
import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintInvestigationStarted;
import io.pledge.contracts.complaint.ComplaintResolutionProposed;
import io.pledge.contracts.complaint.ComplaintResolutionRejected;
import io.pledge.contracts.complaint.ComplaintResolved;
import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.survey.SurveyExpired;
import io.pledge.contracts.survey.SurveyLinkIssued;
import io.pledge.contracts.notification.AlertSent;
import io.pledge.contracts.notification.WebhookEndpointDisabled;
import io.pledge.contracts.survey.SurveyReminded;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteDispatched;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.contracts.ticket.TicketStatusChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractsTest {

    private static final Instant AT = Instant.parse("2026-11-24T07:00:00Z");
    private static final UUID TICKET = UUID.fromString("6f0f7d1e-8a39-4d5c-9a8e-2f9b0c1d2e3f");

    private static final TicketFacts FACTS = new TicketFacts(TICKET, "CRM-42", Channel.EMAIL, Category.COMPLAINT,
            Priority.HIGH, TicketStatus.OPEN, "billing", "agent-7", "customer-care");
    private static final SlaClockFacts CLOCK = new SlaClockFacts(UUID.randomUUID(), TICKET, "FIRST_RESPONSE",
            "seed-email", Duration.ofHours(24), "24x7", Channel.EMAIL, Category.COMPLAINT, Priority.HIGH, "billing", null);
    private static final UUID COMPLAINT = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    private static final UUID SURVEY = UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
    private static final UUID VISIT = UUID.fromString("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
    private static final UUID MESSAGE = UUID.fromString("0b6f1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d");
    private static final UUID ANNOUNCEMENT = UUID.fromString("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928");

    /** One realistic example of every event type; a new type without one fails the tests below. */
    static final Map<EventType, PledgeEvent> EXAMPLES = Map.ofEntries(
            Map.entry(EventType.TICKET_OPENED, new TicketOpened(FACTS, "GOLD", "crm", List.of("vip"), AT, null)),
            Map.entry(EventType.TICKET_ASSIGNED, new TicketAssigned(FACTS, "front-desk", null, "sales", true, AT)),
            Map.entry(EventType.TICKET_RECLASSIFIED, new TicketReclassified(FACTS, Priority.NORMAL, Category.INQUIRY, AT)),
            Map.entry(EventType.TICKET_FIRST_RESPONSE, new FirstResponse(FACTS, MESSAGE, "agent-7", AT.plusSeconds(60), AT, true)),
            Map.entry(EventType.TICKET_AGENT_REPLIED, new AgentReplied(FACTS, MESSAGE, "agent-7", AT, false)),
            Map.entry(EventType.TICKET_CUSTOMER_REPLIED, new CustomerReplied(FACTS, MESSAGE, AT, false, null)),
            Map.entry(EventType.TICKET_STATUS_CHANGED, new TicketStatusChanged(FACTS, TicketStatus.PENDING_CUSTOMER, "customer answered", AT, null)),
            Map.entry(EventType.TICKET_RESOLVED, new TicketResolved(FACTS, "FIXED", AT, AT.plusSeconds(3600), 1, 0, null)),
            Map.entry(EventType.TICKET_REOPENED, new TicketReopened(FACTS, TicketStatus.RESOLVED, "still broken", AT, 1, null)),
            Map.entry(EventType.TICKET_CLOSED, new TicketClosed(FACTS, "FIXED", AT, null)),
            Map.entry(EventType.TICKET_ON_SITE_REQUESTED, new OnSiteRequested(FACTS, VISIT, "router dead, needs replacing",
                    "agent-7", AT, null)),
            Map.entry(EventType.TICKET_ON_SITE_DISPATCHED, new OnSiteDispatched(FACTS, VISIT, "tech-3", AT,
                    AT.plus(Duration.ofMinutes(90)), null)),
            Map.entry(EventType.TICKET_ON_SITE_COMPLETED, new OnSiteCompleted(FACTS, VISIT, "router replaced", AT,
                    AT.plus(Duration.ofHours(5)), null)),
            Map.entry(EventType.CALL_ANSWERED, new CallAnswered("call-1", FACTS, "hotline", AT, AT.plusSeconds(12), 12, null)),
            Map.entry(EventType.CALL_ABANDONED, new CallAbandoned("call-2", "hotline", null, AT, AT.plusSeconds(40), 40,
                    "front-desk", null, "customer-care", null)),
            Map.entry(EventType.SLA_CLOCK_STARTED, new SlaClockStarted(CLOCK, AT, AT.plus(Duration.ofHours(24)))),
            Map.entry(EventType.SLA_WARNING, new SlaWarning(CLOCK, 75, AT.plus(Duration.ofHours(24)), AT.plus(Duration.ofHours(18)))),
            Map.entry(EventType.SLA_WARNING_RETRACTED, new SlaWarningRetracted(CLOCK, 50, AT.plus(Duration.ofHours(12)), 3600,
                    AT.plus(Duration.ofHours(13)), "a late first response shows the clock stopped at 1 h")),
            Map.entry(EventType.SLA_BREACHED, new SlaBreached(CLOCK, AT.plus(Duration.ofHours(24)), AT.plus(Duration.ofHours(24)).plusSeconds(1))),
            Map.entry(EventType.SLA_CLOCK_STOPPED, new SlaClockStopped(CLOCK, AT, 90_000, false, AT.plus(Duration.ofHours(25)))),
            Map.entry(EventType.SLA_MET, new SlaMet(CLOCK, 3600, AT.plus(Duration.ofHours(1)))),
            Map.entry(EventType.SLA_BREACH_RETRACTED, new SlaBreachRetracted(CLOCK, 3600, AT.plus(Duration.ofHours(1)), "late first response", true)),
            Map.entry(EventType.SLA_CLOCK_CANCELLED, new SlaClockCancelled(CLOCK, AT, "ticket closed")),
            Map.entry(EventType.COMPLAINT_REGISTERED, new ComplaintRegistered(UUID.randomUUID(), TICKET, "CRM-42",
                    Channel.EMAIL, Priority.HIGH, "MAJOR", null, "billing", "agent-7", AT)),
            Map.entry(EventType.COMPLAINT_ESCALATED, new ComplaintEscalated(FACTS, UUID.randomUUID(), 2, "CUSTOMER_REJECTED",
                    AT.plus(Duration.ofHours(24)), AT)),
            Map.entry(EventType.COMPLAINT_ESCALATION_WITHDRAWN, new ComplaintEscalationWithdrawn(FACTS, COMPLAINT, 1, 2,
                    "SLA_BREACHED", "SLA_BREACHED:" + CLOCK.clockId(), AT.plus(Duration.ofHours(24)), AT)),
            Map.entry(EventType.COMPLAINT_CONTACTED, new ComplaintContacted(FACTS, UUID.randomUUID(), 2, "supervisor-1", AT)),
            Map.entry(EventType.COMPLAINT_ACKNOWLEDGED, new ComplaintAcknowledged(FACTS, COMPLAINT, 1, "billing-dept",
                    "BILLING", "MAJOR", "agent-7", AT.plus(Duration.ofHours(24)), AT.plusSeconds(600))),
            Map.entry(EventType.COMPLAINT_INVESTIGATION_STARTED, new ComplaintInvestigationStarted(FACTS, COMPLAINT, 1, "agent-7", AT)),
            Map.entry(EventType.COMPLAINT_RESOLUTION_PROPOSED, new ComplaintResolutionProposed(FACTS, COMPLAINT, 1,
                    "refund the double charge", "agent-7", AT)),
            Map.entry(EventType.COMPLAINT_RESOLUTION_REJECTED, new ComplaintResolutionRejected(FACTS, COMPLAINT, 1,
                    "wants compensation too", "agent-7", AT)),
            Map.entry(EventType.COMPLAINT_RESOLVED, new ComplaintResolved(FACTS, COMPLAINT, 2, "supervisor-1",
                    AT.plus(Duration.ofDays(3)), AT)),
            Map.entry(EventType.COMPLAINT_FOLLOW_UP_COMPLETED, new ComplaintFollowUpCompleted(FACTS, COMPLAINT, 2,
                    "SATISFIED", AT.plus(Duration.ofDays(3)), "agent-7", AT.plus(Duration.ofDays(1)))),
            Map.entry(EventType.COMPLAINT_CLOSED, new ComplaintClosed(FACTS, COMPLAINT, 2, "billing-dept", "BILLING", "MAJOR",
                    "BILLING_ERROR", "fixed the tariff table", true, "supervisor-1", AT, AT.plus(Duration.ofDays(1)))),
            Map.entry(EventType.SURVEY_COMPLETED, new SurveyCompleted(UUID.randomUUID(), FACTS, "TICKET_RESOLVED", null, 2, 3,
                    6, Map.of("SERVICE_ATTITUDE", 2, "RESPONSE_SPEED", 3), 2.4, "UNSATISFIED", "DETRACTOR", "DIFFICULT",
                    true, true, AT, AT.plus(Duration.ofHours(1)), AT.plus(Duration.ofHours(5)))),
            // the links travel on pledge.surveys.links (survey.link-issued), not with the announcements
            Map.entry(EventType.SURVEY_SENT, new SurveySent(SURVEY, FACTS, "TICKET_RESOLVED", null, "seed-default",
                    null, AT, AT.plus(Duration.ofDays(7)))),
            Map.entry(EventType.SURVEY_REMINDED, new SurveyReminded(SURVEY, FACTS, null, AT.plus(Duration.ofDays(3)),
                    AT.plus(Duration.ofDays(7)))),
            Map.entry(EventType.SURVEY_EXPIRED, new SurveyExpired(SURVEY, FACTS, "TICKET_RESOLVED", AT,
                    AT.plus(Duration.ofDays(7)))),
            Map.entry(EventType.SURVEY_LINK_ISSUED, new SurveyLinkIssued(SURVEY, FACTS, "survey.sent", ANNOUNCEMENT,
                    URI.create("https://pledge.example.com/api/v1/s/Zm9vYmFy"), AT.plus(Duration.ofDays(7)))),
            Map.entry(EventType.ALERT_SENT, new AlertSent(UUID.fromString("7d7d3f0e-1a8c-4d8e-9a55-0f7f4bb4a001"),
                    "sla-breached", "agent-7", "EMAIL", "ALERT", "b1a3e0a4-5c1e-4d4b-8f3f-1f1f1f1f1f1f", "sla.breached",
                    TICKET.toString(), AT)),
            Map.entry(EventType.WEBHOOK_ENDPOINT_DISABLED, new WebhookEndpointDisabled(
                    UUID.fromString("0c6f1f7e-9a0a-4b53-8c55-5a4d4c2c7e01"), "admin-1", "crm.example.com",
                    AT.minus(Duration.ofDays(3)), AT, "HTTP 503")),
            Map.entry(EventType.KPI_SNAPSHOT, new KpiSnapshot("sla.attainment", "channel=PHONE", "DAY",
                    Instant.parse("2026-11-24T00:00:00Z"), 99.2, 250, "percent", 99.5, "AT_RISK", AT)));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleIsValidAgainstTheSchemaOfItsType(EventType type) {
        PledgeEvent example = EXAMPLES.get(type);
        assertEquals(type, EventType.of(example));
        assertEquals(List.of(), EventSchemas.violations(type, EventCodec.toTree(example)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventRoundTripsThroughItsJsonForm(EventType type) {
        PledgeEvent example = EXAMPLES.get(type);
        JsonNode json = EventCodec.parse(EventCodec.toBytes(example));
        assertEquals(example, EventCodec.fromTree(json, type.dataClass()));
    }

    @Test
    void schemaRejectsMissingFieldsWrongEnumsAndBadFormats() {
        ObjectNode json = (ObjectNode) EventCodec.toTree(EXAMPLES.get(EventType.TICKET_OPENED));
        ObjectNode ticket = (ObjectNode) json.get("ticket");
        ticket.remove("customerId");
        ticket.put("channel", "PIGEON");
        ticket.put("ticketId", "not-a-uuid");
        json.put("openedAt", "yesterday");
        List<String> violations = EventSchemas.violations(EventType.TICKET_OPENED, json);
        assertEquals(4, violations.size(), violations::toString);
    }

    /** Additive change: an event without the flag (every producer before it) is still valid and reads as not late. */
    @Test
    void reportedLateIsOptionalAndAbsentMeansNotLate() {
        FirstResponse late = (FirstResponse) EXAMPLES.get(EventType.TICKET_FIRST_RESPONSE);
        ObjectNode json = (ObjectNode) EventCodec.toTree(late);
        assertTrue(json.get("reportedLate").asBoolean());
        json.remove("reportedLate");
        assertEquals(List.of(), EventSchemas.violations(EventType.TICKET_FIRST_RESPONSE, json));
        FirstResponse absent = EventCodec.fromTree(json, FirstResponse.class);
        assertEquals(null, absent.reportedLate());
        assertFalse(absent.wasReportedLate());
        assertFalse(EventCodec.toTree(absent).has("reportedLate"));
        assertTrue(late.wasReportedLate());
        json.put("reportedLate", "yes");
        assertEquals(1, EventSchemas.violations(EventType.TICKET_FIRST_RESPONSE, json).size());
        TicketAssigned assigned = (TicketAssigned) EXAMPLES.get(EventType.TICKET_ASSIGNED);
        assertFalse(assigned.wasReportedLate());
        assertFalse(EventCodec.toTree(assigned).has("reportedLate"));
    }

    /**
     * The survey link (its token answers the survey) left the widely read pledge.surveys: the
     * announcements omit it, and one published before the move, link and all, still reads.
     */
    @Test
    void surveyAnnouncementsNoLongerCarryTheLinkYetOlderOnesStillRead() {
        for (EventType type : List.of(EventType.SURVEY_SENT, EventType.SURVEY_REMINDED)) {
            ObjectNode json = (ObjectNode) EventCodec.toTree(EXAMPLES.get(type));
            assertFalse(json.has("link"), type.type());
            json.put("link", "https://pledge.example.com/api/v1/s/b2xkZXI");
            assertEquals(List.of(), EventSchemas.violations(type, json), type.type());
            assertEquals(URI.create("https://pledge.example.com/api/v1/s/b2xkZXI"),
                    type == EventType.SURVEY_SENT ? EventCodec.fromTree(json, SurveySent.class).link()
                            : EventCodec.fromTree(json, SurveyReminded.class).link());
        }
        assertEquals(Topics.SURVEY_LINKS, EventType.SURVEY_LINK_ISSUED.topic());
        ObjectNode issued = (ObjectNode) EventCodec.toTree(EXAMPLES.get(EventType.SURVEY_LINK_ISSUED));
        issued.put("announcedType", "survey.completed");
        issued.remove("link");
        assertEquals(2, EventSchemas.violations(EventType.SURVEY_LINK_ISSUED, issued).size());
    }

    @Test
    void eventsCarryNoContactData() {
        for (PledgeEvent example : EXAMPLES.values()) {
            List<String> fields = new java.util.ArrayList<>();
            collectFieldNames(EventCodec.toTree(example), fields);
            for (String field : fields) {
                assertFalse(field.toLowerCase().matches(".*(name|phone|email|number).*"), example + " has " + field);
            }
        }
    }

    private static void collectFieldNames(JsonNode node, List<String> into) {
        node.fields().forEachRemaining(entry -> {
            into.add(entry.getKey());
            collectFieldNames(entry.getValue(), into);
        });
    }

    @Test
    void everyEventTypeHasAnExample() {
        assertEquals(EventType.values().length, EXAMPLES.size());
    }

    /**
     * The subject is the Kafka key: everything about a ticket is keyed by its id (an abandoned call,
     * which has no ticket, by its call id). A data field named "subject" would override it silently.
     */
    @ParameterizedTest
    @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = {"CALL_ABANDONED", "KPI_SNAPSHOT", "WEBHOOK_ENDPOINT_DISABLED"})
    void everyEventAboutATicketIsKeyedByTheTicketId(EventType type) {
        assertEquals(TICKET.toString(), EXAMPLES.get(type).subject());
    }

    @Test
    void aSnapshotIsKeyedByMetricDimensionAndBucket() {
        assertEquals("sla.attainment/channel=PHONE/day:2026-11-24T00:00:00Z",
                EXAMPLES.get(EventType.KPI_SNAPSHOT).subject());
    }

    @Test
    void asyncApiDocumentNamesEveryTopicAndEventType() throws IOException {
        String asyncApi;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("pledge/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String topic : List.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS, Topics.SURVEY_LINKS,
                Topics.KPI_SNAPSHOTS)) {
            assertTrue(asyncApi.contains("address: " + topic), topic);
        }
        for (EventType type : EventType.values()) {
            assertTrue(asyncApi.contains("name: " + type.type()), type.type());
            assertTrue(asyncApi.contains("$ref: 'schemas/" + type.type() + ".json'"), type.type());
        }
    }

    @Test
    void unknownTypesAreNotInTheCatalogue() {
        assertTrue(EventType.fromType("ticket.exploded").isEmpty());
        assertEquals(EventType.TICKET_OPENED, EventType.fromType("ticket.opened").orElseThrow());
    }
}
