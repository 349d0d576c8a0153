package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as the API shows it. */
public record TicketView(
        UUID id,
        TicketStatus status,
        Channel channel,
        Category category,
        Priority priority,
        String subject,
        String description,
        OpenTicketRequest.CustomerReference customer,
        String sourceSystem,
        String externalReference,
        List<String> tags,
        String team,
        String agent,
        Instant openedAt,
        Instant createdAt,
        int version) {

    static TicketView of(Ticket ticket) {
        return new TicketView(ticket.id, ticket.status, ticket.channel, ticket.category, ticket.priority,
                ticket.subject, ticket.description,
                new OpenTicketRequest.CustomerReference(ticket.customerId, ticket.customerTier),
                ticket.sourceSystem, ticket.externalReference, List.of(ticket.tags), ticket.team, ticket.agent,
                ticket.openedAt, ticket.createdAt, ticket.version);
    }
}
