package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Keeps the local copy of tickets. */
@ApplicationScoped
public class SurveyTickets {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(TicketOpened opened) {
        TicketFacts facts = opened.ticket();
        if (em.find(SurveyTicket.class, facts.ticketId()) != null) {
            return;
        }
        SurveyTicket ticket = new SurveyTicket();
        ticket.ticketId = facts.ticketId();
        ticket.customerId = facts.customerId();
        ticket.channel = facts.channel();
        ticket.category = facts.category();
        ticket.priority = facts.priority();
        ticket.team = facts.team();
        ticket.agent = facts.agent();
        ticket.openedAt = opened.openedAt();
        em.persist(ticket);
    }

    public Optional<SurveyTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(SurveyTicket.class, ticketId));
    }
}
