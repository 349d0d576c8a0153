package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    public String team;

    public String agent;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
}
