package io.pledge.contracts.ticket;

import java.time.Instant;

/** {@code ticket.closed}: final. */
public record TicketClosed(TicketFacts ticket, String resolutionCode, Instant closedAt) implements TicketEvent {
}
