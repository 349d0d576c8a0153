package io.pledge.contracts.call;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;

/**
 * {@code call.answered}: an agent took the call; {@link #ticket()} is the PHONE ticket it opened or joined.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record CallAnswered(String callId, TicketFacts ticket, String queue, Instant offeredAt, Instant answeredAt,
                           long waitSeconds, Boolean reportedLate) implements TicketEvent {
}
