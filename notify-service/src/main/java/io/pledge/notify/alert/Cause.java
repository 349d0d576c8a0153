package io.pledge.notify.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.notify.journal.ReceivedEvent;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An event as the alert rules look at it: whom it concerns (agent, team, department, level,
 * subscription owner), what the conditions test, and what the message will say. Pure: read from a
 * received event's data, the ticket's department filled in from what alerts know of the ticket
 * (SLA events carry none).
 */
public record Cause(String eventId, String type, String clockId, String agent, String team, String department,
                    String ownerRecipientId, AlertFacts facts) {

    /** What alerts know of a ticket from earlier events; fills what an event does not carry. */
    public record KnownTicket(String team, String department, String agent) {
        public static final KnownTicket NONE = new KnownTicket(null, null, null);
    }

    public static Cause of(ReceivedEvent event, KnownTicket known) {
        JsonNode data = event.data();
        JsonNode clock = data.path("clock");
        JsonNode ticket = data.path("ticket");
        boolean sla = event.type().startsWith("sla.");
        JsonNode facts = sla ? clock : ticket;
        String ticketId = text(facts, "ticketId");
        if (ticketId == null && !event.type().equals(RuleDefinition.WEBHOOK_ENDPOINT_DISABLED)) {
            ticketId = event.subject();
        }
        String agent = or(text(facts, "agent"), known.agent());
        String team = or(text(facts, "team"), known.team());
        String department = or(text(facts, "department"), known.department());
        AlertFacts alertFacts = new AlertFacts(event.type(), ticketId, text(facts, "priority"), text(facts, "category"),
                text(clock, "metric"), integer(data, "thresholdPercent"), instant(data, "dueAt"),
                instant(data, "breachedAt"), instant(data, "stoppedAt"), integer(data, "level"), text(data, "reason"),
                instant(data, "contactBy"), integer(data, "csat"), text(data, "csatClass"),
                data.has("unsatisfied") ? data.get("unsatisfied").asBoolean() : null,
                text(data, "subscriptionId"), text(data, "host"), instant(data, "failingSince"),
                instant(data, "disabledAt"), text(data, "lastError"));
        return new Cause(event.eventId(), event.type(), text(clock, "clockId"), agent, team, department,
                text(data, "ownerRecipientId"), alertFacts);
    }

    public String ticketId() {
        return facts.ticketId();
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.intValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
