package io.pledge.intake.ticket;

/** Where a ticket stands. */
public enum TicketStatus {
    OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED, CLOSED
}
