package io.pledge.contracts.ticket;

/** Where a ticket stands. OPEN, PENDING_CUSTOMER and ON_HOLD are working states; RESOLVED may reopen; CLOSED is final. */
public enum TicketStatus {
    OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED, CLOSED
}
