package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.resolved} on {@code pledge.complaints}: the customer accepted the proposed
 * resolution; a follow-up visit (回访) is due by {@code followUpDue}.
 */
public record ComplaintResolved(TicketFacts ticket, UUID complaintId, int level, String recordedBy,
                                Instant followUpDue, Instant resolvedAt) implements TicketEvent {
}
