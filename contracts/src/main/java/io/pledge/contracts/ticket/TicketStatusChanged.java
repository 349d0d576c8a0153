package io.pledge.contracts.ticket;

import java.time.Instant;

/**
 * {@code ticket.status-changed}: between OPEN, PENDING_CUSTOMER and ON_HOLD; {@link #ticket()} has the new status.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record TicketStatusChanged(TicketFacts ticket, TicketStatus previousStatus, String reason, Instant changedAt, Boolean reportedLate)
        implements TicketEvent {
}
