package io.pledge.survey.ticket;

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
        if (em.find(SurveyTicket.class, opened.ticketId()) != null) {
            return;
        }
        SurveyTicket ticket = new SurveyTicket();
        ticket.ticketId = opened.ticketId();
        ticket.customerId = opened.customerId();
        ticket.channel = opened.channel();
        ticket.category = opened.category();
        ticket.priority = opened.priority();
        ticket.team = opened.team();
        ticket.agent = opened.agent();
        ticket.openedAt = opened.openedAt();
        em.persist(ticket);
    }

    public Optional<SurveyTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(SurveyTicket.class, ticketId));
    }
}
