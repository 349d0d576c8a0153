package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/** {@code ticket.on-site-dispatched}: a technician is on the way to the visit requested at {@code requestedAt}. */
public record OnSiteDispatched(TicketFacts ticket, UUID visitId, String technician, Instant requestedAt,
                               Instant dispatchedAt) implements TicketEvent {
}
