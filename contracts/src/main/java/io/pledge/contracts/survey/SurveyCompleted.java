package io.pledge.contracts.survey;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code survey.completed} on {@code pledge.surveys}: a customer answered a satisfaction survey.
 * Carries what KPIs need without asking anyone; {@code unsatisfied} marks an answer that reopens
 * the loop (complaint-service escalates the ticket's complaint).
 *
 * @param trigger TICKET_RESOLVED or COMPLAINT_CLOSED: what the survey asked about
 * @param complaintId the complaint, for a complaint closure's survey; otherwise null
 * @param dimensions score (1–5) per satisfaction dimension, e.g. SERVICE_ATTITUDE
 * @param weightedScore the dimensions' weighted score on the 5-point scale; null without dimensions
 * @param csatClass SATISFIED, NEUTRAL or UNSATISFIED
 * @param npsClass PROMOTER, PASSIVE or DETRACTOR
 * @param cesClass EASY, NEUTRAL or DIFFICULT
 * @param commented whether a free-text comment was left (survey-service keeps it for the review)
 * @param resolvedAt when the ticket was resolved: the bucket some KPIs count the answer in
 */
public record SurveyCompleted(UUID surveyId, TicketFacts ticket, String trigger, UUID complaintId, Integer csat,
                              Integer nps, Integer ces, Map<String, Integer> dimensions, Double weightedScore,
                              String csatClass, String npsClass, String cesClass, boolean unsatisfied,
                              boolean commented, Instant resolvedAt, Instant sentAt, Instant completedAt)
        implements TicketEvent {
}
