package io.pledge.contracts.call;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;

/** {@code call.answered}: an agent took the call; {@link #ticket()} is the PHONE ticket it opened or joined. */
public record CallAnswered(String callId, TicketFacts ticket, String queue, Instant offeredAt, Instant answeredAt,
                           long waitSeconds) implements TicketEvent {
}
