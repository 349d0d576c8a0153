package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code survey.link-issued} on {@code pledge.surveys.links}: the survey link of one announcement,
 * for the service that delivers it to the customer. The link holds an unguessable token that
 * answers the survey, so it is a credential: it travels on its own topic, which only
 * survey-service writes and only notify-service reads (blueprint §2), instead of on the widely
 * read {@code pledge.surveys}. survey-service records it in the same transaction as the
 * announcement it belongs to.
 *
 * @param announcedType {@code survey.sent} or {@code survey.reminded}: which announcement this link is for
 * @param announcedEventId the {@code ce_id} of that announcement, to pair the two
 * @param link the survey page; holds the token, valid until {@code expiresAt}
 */
public record SurveyLinkIssued(UUID surveyId, TicketFacts ticket, String announcedType, UUID announcedEventId,
                               URI link, Instant expiresAt) implements TicketEvent {
}
