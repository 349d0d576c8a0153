package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.on-site-completed}: the technician finished the visit. With {@code requestedAt}
 * a consumer can tell whether it was completed the same day without keeping the request.
 *
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record OnSiteCompleted(TicketFacts ticket, UUID visitId, String outcome, Instant requestedAt,
                              Instant completedAt, Boolean reportedLate) implements TicketEvent {
}
