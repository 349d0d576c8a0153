package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.agent-replied}: a public agent reply after the first response.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record AgentReplied(TicketFacts ticket, UUID messageId, String repliedBy, Instant repliedAt, Boolean reportedLate)
        implements TicketEvent {
}
