package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a ticket stands with surveys.
 *
 * @param invitation NOT_SCHEDULED until the ticket is resolved and an invitation is planned
 */
public record SurveyStatusView(UUID ticketId, Channel channel, Category category, Instant openedAt,
                               String invitation) {

    static SurveyStatusView of(SurveyTicket ticket) {
        return new SurveyStatusView(ticket.ticketId, ticket.channel, ticket.category, ticket.openedAt, "NOT_SCHEDULED");
    }
}
