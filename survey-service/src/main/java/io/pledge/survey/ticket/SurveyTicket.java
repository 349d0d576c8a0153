package io.pledge.survey.ticket;

import io.pledge.platform.tickets.TicketCopy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What survey-service knows of a ticket, copied from ticket events: enough to choose a template
 * and to label a survey's answers for the KPIs without asking intake-service.
 */
@Entity
@Table(name = "survey_ticket")
public class SurveyTicket extends TicketCopy {

    /** When survey-service first heard of the ticket (its opening, unless that predates this service). */
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
}
