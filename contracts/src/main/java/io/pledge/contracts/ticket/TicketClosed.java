package io.pledge.contracts.ticket;

import java.time.Instant;

/**
 * {@code ticket.closed}: final.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record TicketClosed(TicketFacts ticket, String resolutionCode, Instant closedAt, Boolean reportedLate) implements TicketEvent {
}
