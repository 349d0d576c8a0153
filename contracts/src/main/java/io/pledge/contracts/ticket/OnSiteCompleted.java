package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.on-site-completed}: the technician finished the visit. With {@code requestedAt}
 * a consumer can tell whether it was completed the same day without keeping the request.
 */
public record OnSiteCompleted(TicketFacts ticket, UUID visitId, String outcome, Instant requestedAt,
                              Instant completedAt) implements TicketEvent {
}
