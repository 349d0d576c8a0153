package io.pledge.contracts.ticket;

import java.time.Instant;

/** {@code ticket.status-changed}: between OPEN, PENDING_CUSTOMER and ON_HOLD; {@link #ticket()} has the new status. */
public record TicketStatusChanged(TicketFacts ticket, TicketStatus previousStatus, String reason, Instant changedAt)
        implements TicketEvent {
}
