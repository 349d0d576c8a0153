package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/** {@code ticket.customer-replied}: the customer wrote; {@code reopened} when that reopened a resolved ticket. */
public record CustomerReplied(TicketFacts ticket, UUID messageId, Instant repliedAt, boolean reopened)
        implements TicketEvent {
}
