package io.pledge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
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

    /** One realistic example of every event type; a new type without one fails this map. */
    static final Map<EventType, PledgeEvent> EXAMPLES = Map.of(
            EventType.TICKET_OPENED, new TicketOpened(TICKET, "CRM-42", "GOLD", Channel.EMAIL,
                    Category.COMPLAINT, Priority.HIGH, "billing", "agent-7", "crm", List.of("vip"), AT),
            EventType.SLA_CLOCK_STARTED, new SlaClockStarted(UUID.randomUUID(), TICKET, "FIRST_RESPONSE",
                    "default-email", Duration.ofHours(24), "24x7", AT, AT.plus(Duration.ofHours(24)),
                    Channel.EMAIL, Category.COMPLAINT, Priority.HIGH, null, null),
            EventType.COMPLAINT_REGISTERED, new ComplaintRegistered(UUID.randomUUID(), TICKET, "CRM-42",
                    Channel.EMAIL, Priority.HIGH, "MAJOR", null, "billing", "agent-7", AT));

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
        json.remove("customerId");
        json.put("channel", "PIGEON");
        json.put("openedAt", "yesterday");
        json.put("ticketId", "not-a-uuid");
        List<String> violations = EventSchemas.violations(EventType.TICKET_OPENED, json);
        assertEquals(4, violations.size(), violations::toString);
    }

    @Test
    void ticketEventsCarryNoContactData() {
        JsonNode json = EventCodec.toTree(EXAMPLES.get(EventType.TICKET_OPENED));
        for (String field : List.of("name", "phone", "email", "customerName", "customerPhone", "customerEmail")) {
            assertFalse(json.has(field), field);
        }
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
