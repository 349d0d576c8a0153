package io.pledge.contracts.ticket;

import java.time.Instant;

/** {@code ticket.reclassified}: priority or category changed; {@link #ticket()} has the new values. */
public record TicketReclassified(TicketFacts ticket, Priority previousPriority, Category previousCategory,
                                 Instant reclassifiedAt) implements TicketEvent {
}
