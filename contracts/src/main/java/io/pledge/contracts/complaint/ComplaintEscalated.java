package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.escalated} on {@code pledge.complaints}: the complaint moved up the escalation
 * matrix (L2 supervisor, L3 management committee, L4 third-party mediation).
 *
 * @param reason why: CUSTOMER_REJECTED, SLA_BREACHED, SEVERITY, REPEAT, SURVEY_UNSATISFIED...
 * @param contactBy when the new level must have reached the customer
 */
public record ComplaintEscalated(TicketFacts ticket, UUID complaintId, int level, String reason, Instant contactBy,
                                 Instant escalatedAt) implements TicketEvent {
}
