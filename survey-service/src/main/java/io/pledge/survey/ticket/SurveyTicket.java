package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.tickets.TicketSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * What survey-service knows of a ticket, copied from ticket events: enough to choose a template
 * and to label a survey's answers for the KPIs without asking intake-service.
 */
@Entity
@Table(name = "survey_ticket")
public class SurveyTicket {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Embedded
    public TicketSnapshot latest;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** Event time of the event that told the latest facts. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public TicketFacts facts() {
        return latest.facts(ticketId);
    }
}
