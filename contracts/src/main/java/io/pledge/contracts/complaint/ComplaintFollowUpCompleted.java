package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.follow-up-completed} on {@code pledge.complaints}: the follow-up visit (回访)
 * took place.
 *
 * @param outcome SATISFIED (the complaint closes) or NOT_SATISFIED (back to investigation, a level up)
 * @param followUpDue when it was due: with completedAt, whether it was in time
 */
public record ComplaintFollowUpCompleted(TicketFacts ticket, UUID complaintId, int level, String outcome,
                                         Instant followUpDue, String visitedBy, Instant completedAt)
        implements TicketEvent {
}
