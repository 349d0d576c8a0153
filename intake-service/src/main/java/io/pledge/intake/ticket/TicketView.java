package io.pledge.intake.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.customer.CustomerDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ticket as the API shows it. {@code customer} carries decrypted contact data only on GET of one
 * ticket (audited) and, on POST, what the request sent; the answers of actions carry the CRM id and tier.
 */
public record TicketView(
        UUID id,
        TicketStatus status,
        @Schema(description = "When the ticket entered its status; a status change reported late may not be dated before it.")
        Instant statusSince,
        Channel channel,
        Category category,
        Priority priority,
        String subject,
        String description,
        CustomerDetails customer,
        String sourceSystem,
        String externalReference,
        List<String> tags,
        String team,
        String agent,
        String department,
        Instant openedAt,
        Instant firstResponseAt,
        int agentReplies,
        int reopenCount,
        String resolutionCode,
        String resolutionSummary,
        Instant resolvedAt,
        Instant closedAt,
        String trackingToken,
        @Schema(description = "The customer's tracking page (/t/{token} under the public base URL): the link to send them.")
        String trackingUrl,
        Instant trackingExpiresAt,
        int version) {

    /** A ticket in a list: no contact data, no tracking token. */
    public record Summary(UUID id, TicketStatus status, Channel channel, Category category, Priority priority,
                          String subject, String customerId, String team, String agent, String department,
                          Instant openedAt, Instant resolvedAt, int version) {

        static Summary of(Ticket t) {
            return new Summary(t.id, t.status, t.channel, t.category, t.priority, t.subject, t.customerId, t.team,
                    t.agent, t.department, t.openedAt, t.resolvedAt, t.version);
        }
    }

    /** One page of a list; {@code nextCursor} is null on the last page. */
    public record Page(List<Summary> items, String nextCursor) {
    }

    public record MessageView(UUID id, Message.Author author, Message.Visibility visibility, String body,
                              String agent, Instant occurredAt) {

        static MessageView of(Message m) {
            return new MessageView(m.id, m.author, m.visibility, m.body, m.agent, m.occurredAt);
        }
    }

    public record TimelineItem(long seq, String type, Instant occurredAt, JsonNode data) {
    }
}
