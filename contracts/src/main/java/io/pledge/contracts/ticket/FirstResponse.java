package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.first-response}: the first public agent reply, or the answer of a phone call. A
 * reply reported late with an earlier time than an announced first response is announced again:
 * the earliest {@code respondedAt} counts.
 */
public record FirstResponse(TicketFacts ticket, UUID messageId, String respondedBy, Instant respondedAt,
                            Instant openedAt) implements TicketEvent {
}
