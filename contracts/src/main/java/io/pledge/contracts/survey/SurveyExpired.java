package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/** {@code survey.expired} on {@code pledge.surveys}: the invitation went unanswered until it expired. */
public record SurveyExpired(UUID surveyId, TicketFacts ticket, String trigger, Instant sentAt, Instant expiredAt)
        implements TicketEvent {
}
