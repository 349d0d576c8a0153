package io.pledge.contracts.ticket;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code ticket.opened} on {@code pledge.tickets}: a customer contact was taken in. Carries what
 * SLA, complaint, survey and KPI need to act without calling back, and no contact data.
 *
 * @param customerId the CRM's id of the customer (never a name, phone number or e-mail address)
 * @param customerTier the customer's service tier in the CRM, if known
 * @param sourceSystem the system that reported the contact (e.g. the CRM's name)
 * @param openedAt when the contact happened; equals the event time
 */
public record TicketOpened(
        UUID ticketId,
        String customerId,
        String customerTier,
        Channel channel,
        Category category,
        Priority priority,
        String team,
        String agent,
        String sourceSystem,
        List<String> tags,
        Instant openedAt) implements PledgeEvent {

    @Override
    public String subject() {
        return ticketId.toString();
    }
}
