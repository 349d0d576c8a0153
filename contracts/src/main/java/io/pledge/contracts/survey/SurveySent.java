package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code survey.sent} on {@code pledge.surveys}: an invitation is due to the customer. Pledge does
 * not send e-mail or SMS; the CRM delivers {@code link} by the customer's channel
 * ({@code ticket.channel}) to {@code ticket.customerId}.
 *
 * @param trigger TICKET_RESOLVED or COMPLAINT_CLOSED
 * @param link the survey page; holds an unguessable token, valid until {@code expiresAt}
 */
public record SurveySent(UUID surveyId, TicketFacts ticket, String trigger, UUID complaintId, String templateId,
                         URI link, Instant sentAt, Instant expiresAt) implements TicketEvent {
}
