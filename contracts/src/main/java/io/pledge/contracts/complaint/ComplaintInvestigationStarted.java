package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.investigation-started} on {@code pledge.complaints}: investigation began, or
 * began again after a rejected resolution or an unsatisfied follow-up.
 */
public record ComplaintInvestigationStarted(TicketFacts ticket, UUID complaintId, int level, String startedBy,
                                            Instant startedAt) implements TicketEvent {
}
