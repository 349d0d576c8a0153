package io.pledge.survey.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a ticket stands with surveys.
 *
 * @param invitation the survey's state (SCHEDULED, SENT, COMPLETED, EXPIRED, CANCELLED, SKIPPED), or
 *                   NOT_SCHEDULED until the ticket is resolved
 * @param reason why it was skipped or cancelled
 * @param answers the recorded scores and comment, once answered (kept for the review)
 */
public record SurveyStatusView(UUID ticketId, Channel channel, Category category, Instant openedAt, String invitation,
                               UUID surveyId, String trigger, String templateId, String reason, Instant sendAt,
                               Instant sentAt, Instant remindedAt, Instant expiresAt, Instant completedAt,
                               JsonNode answers) {
}
