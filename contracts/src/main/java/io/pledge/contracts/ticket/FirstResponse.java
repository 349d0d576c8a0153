package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.first-response}: the first public agent reply, or the answer of a phone call. A
 * reply reported late with an earlier time than an announced first response is announced again:
 * the earliest {@code respondedAt} counts.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record FirstResponse(TicketFacts ticket, UUID messageId, String respondedBy, Instant respondedAt,
                            Instant openedAt, Boolean reportedLate) implements TicketEvent {
}
