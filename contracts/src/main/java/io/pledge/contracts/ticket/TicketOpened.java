package io.pledge.contracts.ticket;

import java.time.Instant;
import java.util.List;

/**
 * {@code ticket.opened}: a customer contact was taken in.
 *
 * @param customerTier the customer's service tier in the CRM, if known
 * @param sourceSystem the system that reported the contact (e.g. the CRM's name)
 * @param openedAt when the contact happened; equals the event time
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record TicketOpened(TicketFacts ticket, String customerTier, String sourceSystem, List<String> tags,
                           Instant openedAt, Boolean reportedLate) implements TicketEvent {
}
