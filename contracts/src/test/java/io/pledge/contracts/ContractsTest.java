package io.pledge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintContacted;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
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
    private static final UUID MESSAGE = UUID.fromString("0b6f1c2d-3e4f-4a5b-8c9d-0e1f2a3b4c5d");

    /** One realistic example of every event type; a new type without one fails the tests below. */
    static final Map<EventType, PledgeEvent> EXAMPLES = Map.ofEntries(
            Map.entry(EventType.TICKET_OPENED, new TicketOpened(FACTS, "GOLD", "crm", List.of("vip"), AT)),
            Map.entry(EventType.TICKET_ASSIGNED, new TicketAssigned(FACTS, "front-desk", null, "sales", true, AT)),
            Map.entry(EventType.TICKET_RECLASSIFIED, new TicketReclassified(FACTS, Priority.NORMAL, Category.INQUIRY, AT)),
            Map.entry(EventType.TICKET_FIRST_RESPONSE, new FirstResponse(FACTS, MESSAGE, "agent-7", AT.plusSeconds(60), AT)),
            Map.entry(EventType.TICKET_AGENT_REPLIED, new AgentReplied(FACTS, MESSAGE, "agent-7", AT)),
            Map.entry(EventType.TICKET_CUSTOMER_REPLIED, new CustomerReplied(FACTS, MESSAGE, AT, false)),
            Map.entry(EventType.TICKET_STATUS_CHANGED, new TicketStatusChanged(FACTS, TicketStatus.PENDING_CUSTOMER, "customer answered", AT)),
            Map.entry(EventType.TICKET_RESOLVED, new TicketResolved(FACTS, "FIXED", AT, AT.plusSeconds(3600), 1, 0)),
            Map.entry(EventType.TICKET_REOPENED, new TicketReopened(FACTS, TicketStatus.RESOLVED, "still broken", AT, 1)),
            Map.entry(EventType.TICKET_CLOSED, new TicketClosed(FACTS, "FIXED", AT)),
            Map.entry(EventType.CALL_ANSWERED, new CallAnswered("call-1", FACTS, "hotline", AT, AT.plusSeconds(12), 12)),
            Map.entry(EventType.CALL_ABANDONED, new CallAbandoned("call-2", "hotline", null, AT, AT.plusSeconds(40), 40)),
            Map.entry(EventType.SLA_CLOCK_STARTED, new SlaClockStarted(CLOCK, AT, AT.plus(Duration.ofHours(24)))),
            Map.entry(EventType.SLA_WARNING, new SlaWarning(CLOCK, 75, AT.plus(Duration.ofHours(24)), AT.plus(Duration.ofHours(18)))),
            Map.entry(EventType.SLA_BREACHED, new SlaBreached(CLOCK, AT.plus(Duration.ofHours(24)), AT.plus(Duration.ofHours(24)).plusSeconds(1))),
            Map.entry(EventType.SLA_MET, new SlaMet(CLOCK, 3600, AT.plus(Duration.ofHours(1)))),
            Map.entry(EventType.SLA_BREACH_RETRACTED, new SlaBreachRetracted(CLOCK, 3600, AT.plus(Duration.ofHours(1)), "late first response")),
            Map.entry(EventType.SLA_CLOCK_CANCELLED, new SlaClockCancelled(CLOCK, AT, "ticket closed")),
            Map.entry(EventType.COMPLAINT_REGISTERED, new ComplaintRegistered(UUID.randomUUID(), TICKET, "CRM-42",
                    Channel.EMAIL, Priority.HIGH, "MAJOR", null, "billing", "agent-7", AT)),
            Map.entry(EventType.COMPLAINT_ESCALATED, new ComplaintEscalated(FACTS, UUID.randomUUID(), 2, "CUSTOMER_REJECTED",
                    AT.plus(Duration.ofHours(24)), AT)),
            Map.entry(EventType.COMPLAINT_CONTACTED, new ComplaintContacted(FACTS, UUID.randomUUID(), 2, "supervisor-1", AT)));

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

    @Test
    void asyncApiDocumentNamesEveryTopicAndEventType() throws IOException {
        String asyncApi;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("pledge/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String topic : List.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS, Topics.KPI_SNAPSHOTS)) {
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
