package io.pledge.contracts.ticket;

import java.util.UUID;

/**
 * What every ticket event carries about its ticket, as it stands after the event: enough for SLA,
 * complaint, survey and KPI to act without calling intake-service, and no contact data.
 *
 * @param customerId the CRM's id of the customer (never a name, phone number or e-mail address)
 */
public record TicketFacts(
        UUID ticketId,
        String customerId,
        Channel channel,
        Category category,
        Priority priority,
        TicketStatus status,
        String team,
        String agent,
        String department) {
}
