package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code survey.sent} on {@code pledge.surveys}: an invitation is due to the customer. Pledge does
 * not send e-mail or SMS; the invitation's link is delivered by the customer's channel
 * ({@code ticket.channel}) to {@code ticket.customerId}.
 *
 * @param trigger TICKET_RESOLVED or COMPLAINT_CLOSED
 * @param link no longer filled (absent): the link holds an answering token, a credential, so it
 *             travels on {@code pledge.surveys.links} as {@code survey.link-issued} (which names
 *             this event's id), a topic only the delivering service reads. Kept, optional, so that
 *             events published before the move still read. Making a required field optional is
 *             not additive; it is deliberate: blueprint §2 puts the links on the ACL'd topic.
 */
public record SurveySent(UUID surveyId, TicketFacts ticket, String trigger, UUID complaintId, String templateId,
                         URI link, Instant sentAt, Instant expiresAt) implements TicketEvent {
}
