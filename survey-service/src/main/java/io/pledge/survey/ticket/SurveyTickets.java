package io.pledge.survey.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.tickets.TicketSnapshot;
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
     * Keeps the facts an event told about its ticket, unless a later event already told newer ones.
     * A ticket first seen through a later event (its ticket.opened was before this service's time)
     * counts as opened then.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyTicket remember(TicketFacts facts, Instant at) {
        SurveyTicket ticket = em.find(SurveyTicket.class, facts.ticketId());
        if (ticket == null) {
            ticket = new SurveyTicket();
            ticket.ticketId = facts.ticketId();
            ticket.openedAt = at;
            ticket.latest = TicketSnapshot.of(facts);
            ticket.updatedAt = at;
            em.persist(ticket);
        } else if (!at.isBefore(ticket.updatedAt)) {
            ticket.latest = TicketSnapshot.of(facts);
            ticket.updatedAt = at;
        }
        return ticket;
    }

    public Optional<SurveyTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(SurveyTicket.class, ticketId));
    }
}
