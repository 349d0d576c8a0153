package io.pledge.complaint.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The copy of ticket facts complaint-service keeps from the ticket events. */
@ApplicationScoped
public class Tickets {

    @Inject
    EntityManager em;

    /** Keeps the facts an event told about its ticket (see {@link ComplaintTicket#learn}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplaintTicket remember(TicketFacts facts, Instant at) {
        ComplaintTicket ticket = em.find(ComplaintTicket.class, facts.ticketId());
        if (ticket == null) {
            ticket = new ComplaintTicket();
            ticket.learn(facts, at);
            em.persist(ticket);
        } else {
            ticket.learn(facts, at);
        }
        return ticket;
    }

    public Optional<ComplaintTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(ComplaintTicket.class, ticketId));
    }
}
