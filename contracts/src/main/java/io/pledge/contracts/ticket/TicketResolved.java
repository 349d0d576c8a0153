package io.pledge.contracts.ticket;

import java.time.Instant;

/**
 * {@code ticket.resolved}.
 *
 * @param agentReplies public agent replies so far (first-contact resolution: one, and never reopened)
 * @param reopenCount how often the ticket was reopened before
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record TicketResolved(TicketFacts ticket, String resolutionCode, Instant openedAt, Instant resolvedAt,
                             int agentReplies, int reopenCount, Boolean reportedLate) implements TicketEvent {
}
