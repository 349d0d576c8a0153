package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code survey.reminded} on {@code pledge.surveys}: the invitation is still unanswered; a reminder
 * is due with a fresh link (a new token; the first link stays valid too).
 *
 * @param link no longer filled (absent): the link travels on {@code pledge.surveys.links} as
 *             {@code survey.link-issued} (which names this event's id), a topic only the
 *             delivering service reads, since its token answers the survey. Kept, optional, so
 *             that events published before the move still read. Making a required field
 *             optional is not additive; it is deliberate: blueprint §2 puts the links on the
 *             ACL'd topic.
 */
public record SurveyReminded(UUID surveyId, TicketFacts ticket, URI link, Instant remindedAt, Instant expiresAt)
        implements TicketEvent {
}
