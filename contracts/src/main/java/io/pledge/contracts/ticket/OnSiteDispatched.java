package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.on-site-dispatched}: a technician is on the way to the visit requested at {@code requestedAt}.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record OnSiteDispatched(TicketFacts ticket, UUID visitId, String technician, Instant requestedAt,
                               Instant dispatchedAt, Boolean reportedLate) implements TicketEvent {
}
