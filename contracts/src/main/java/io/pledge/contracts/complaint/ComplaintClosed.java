package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.closed} on {@code pledge.complaints}: closed with its root cause and corrective
 * action, the material of the periodic review (复盘).
 *
 * @param repeat whether it was a repeat complaint of the same customer
 */
public record ComplaintClosed(TicketFacts ticket, UUID complaintId, int level, String department, String complaintSubject,
                              String severity, String rootCause, String correctiveAction, boolean repeat,
                              String closedBy, Instant registeredAt, Instant closedAt) implements TicketEvent {
}
