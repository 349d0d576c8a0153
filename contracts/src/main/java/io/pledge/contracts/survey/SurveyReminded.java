package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code survey.reminded} on {@code pledge.surveys}: the invitation is still unanswered; the CRM
 * delivers the reminder with its {@code link} (a fresh token; the first link stays valid too).
 */
public record SurveyReminded(UUID surveyId, TicketFacts ticket, URI link, Instant remindedAt, Instant expiresAt)
        implements TicketEvent {
}
