package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code ticket.on-site-requested}: the ticket needs a technician on site (seed 003: dispatch within
 * 2 h, visits completed the same day). Starts the on-site dispatch milestone.
 *
 * @param visitId tells a ticket's visits apart; the dispatch and completion name it
 * @param reason  no longer sent (issue #14): the customer's words stay in intake-service
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record OnSiteRequested(TicketFacts ticket, UUID visitId, String reason, String requestedBy,
                              Instant requestedAt, Boolean reportedLate) implements TicketEvent {
}
