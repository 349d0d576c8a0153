package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/** {@code complaint.resolution-proposed} on {@code pledge.complaints}: a resolution was put to the customer. */
public record ComplaintResolutionProposed(TicketFacts ticket, UUID complaintId, int level, String proposal,
                                          String proposedBy, Instant proposedAt) implements TicketEvent {
}
