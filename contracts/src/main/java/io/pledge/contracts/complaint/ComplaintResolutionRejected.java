package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.resolution-rejected} on {@code pledge.complaints}: the customer rejected the
 * proposed resolution. The complaint goes back to investigation; below the top level a
 * {@code complaint.escalated} follows.
 *
 * @param level the level at which the proposal was rejected
 */
public record ComplaintResolutionRejected(TicketFacts ticket, UUID complaintId, int level, String reason,
                                          String recordedBy, Instant rejectedAt) implements TicketEvent {
}
