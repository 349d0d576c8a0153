package io.pledge.contracts.ticket;

import java.time.Instant;

/**
 * {@code ticket.resolved}.
 *
 * @param agentReplies public agent replies so far (first-contact resolution: one, and never reopened)
 * @param reopenCount how often the ticket was reopened before
 */
public record TicketResolved(TicketFacts ticket, String resolutionCode, Instant openedAt, Instant resolvedAt,
                             int agentReplies, int reopenCount) implements TicketEvent {
}
