package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.customer-replied}: the customer wrote; {@code reopened} when that reopened a resolved ticket.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record CustomerReplied(TicketFacts ticket, UUID messageId, Instant repliedAt, boolean reopened, Boolean reportedLate)
        implements TicketEvent {
}
