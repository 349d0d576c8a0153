package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/** {@code ticket.agent-replied}: a public agent reply after the first response. */
public record AgentReplied(TicketFacts ticket, UUID messageId, String repliedBy, Instant repliedAt)
        implements TicketEvent {
}
