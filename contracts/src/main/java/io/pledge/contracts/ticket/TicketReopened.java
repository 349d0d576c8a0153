package io.pledge.contracts.ticket;

import java.time.Instant;

/**
 * {@code ticket.reopened}: a resolved ticket is open again (an agent's decision or a customer's message).
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record TicketReopened(TicketFacts ticket, TicketStatus previousStatus, String reason, Instant reopenedAt,
                             int reopenCount, Boolean reportedLate) implements TicketEvent {
}
