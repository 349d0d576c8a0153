package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Keeps the local copy of tickets. */
@ApplicationScoped
public class SurveyTickets {

    @Inject
    EntityManager em;

    /**
     * Keeps the facts an event told about its ticket (see {@link SurveyTicket#learn}). A ticket first
     * seen through a later event (its ticket.opened was before this service's time) counts as
     * opened then.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyTicket remember(TicketFacts facts, Instant at) {
        SurveyTicket ticket = em.find(SurveyTicket.class, facts.ticketId());
        if (ticket == null) {
            ticket = new SurveyTicket();
            ticket.openedAt = at;
            ticket.learn(facts, at);
            em.persist(ticket);
        } else {
            ticket.learn(facts, at);
        }
        return ticket;
    }

    public Optional<SurveyTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(SurveyTicket.class, ticketId));
    }
}
