package io.pledge.notify.alert;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.notify.journal.ReceivedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Events as the services publish them, for the alert tests (pure and @QuarkusTest alike). */
final class AlertExamples {

    static TicketFacts ticket(String team, String agent, String department, Priority priority) {
        return new TicketFacts(UUID.randomUUID(), "CRM-" + UUID.randomUUID(), Channel.EMAIL, Category.FAULT, priority,
                TicketStatus.OPEN, team, agent, department);
    }

    static SlaClockFacts clock(TicketFacts ticket, String metric) {
        return new SlaClockFacts(UUID.randomUUID(), ticket.ticketId(), metric, "seed-general", Duration.ofHours(24),
                "24x7", ticket.channel(), ticket.category(), ticket.priority(), ticket.team(), ticket.agent());
    }

    static SlaWarning warning(SlaClockFacts clock, int percent, Instant dueAt) {
        return new SlaWarning(clock, percent, dueAt, dueAt.minus(Duration.ofHours(2)));
    }

    static SlaBreached breached(SlaClockFacts clock, Instant dueAt) {
        return new SlaBreached(clock, dueAt, dueAt.plusSeconds(1));
    }

    static SlaBreachRetracted retracted(SlaClockFacts clock, Instant stoppedAt) {
        return new SlaBreachRetracted(clock, 3600, stoppedAt, "LATE_REPORTED_RESPONSE", true);
    }

    static ComplaintEscalated escalated(TicketFacts ticket, int level, Instant contactBy) {
        return new ComplaintEscalated(ticket, UUID.randomUUID(), level, "CUSTOMER_REJECTED", contactBy,
                contactBy.minus(Duration.ofHours(24)));
    }

    static SurveyCompleted survey(TicketFacts ticket, boolean unsatisfied) {
        return new SurveyCompleted(UUID.randomUUID(), ticket, "TICKET_RESOLVED", null, unsatisfied ? 1 : 5, null, null,
                Map.of(), null, unsatisfied ? "UNSATISFIED" : "SATISFIED", null, null, unsatisfied, false,
                Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T01:00:00Z"),
                Instant.parse("2030-01-01T02:00:00Z"));
    }

    /** The event as the journal hands it to {@code Alerts.consider}. */
    static ReceivedEvent received(PledgeEvent event) {
        var data = EventCodec.toTree(event);
        var facts = data.path("ticket");
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        return new ReceivedEvent(1, UUID.randomUUID().toString(), EventType.of(event).type(), event.subject(), at, at,
                text(facts, "team"), text(facts, "department"), text(facts, "category"), text(facts, "priority"),
                text(facts, "agent"), null, data);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private AlertExamples() {
    }
}
