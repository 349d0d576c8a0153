package io.pledge.contracts.ticket;

import java.time.Instant;

/** {@code ticket.reopened}: a resolved ticket is open again (an agent's decision or a customer's message). */
public record TicketReopened(TicketFacts ticket, TicketStatus previousStatus, String reason, Instant reopenedAt,
                             int reopenCount) implements TicketEvent {
}
