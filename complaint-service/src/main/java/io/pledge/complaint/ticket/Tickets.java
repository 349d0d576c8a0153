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

    /**
     * Keeps the facts an event told about its ticket (see {@link ComplaintTicket#learn}).
     *
     * @param sourceSystem the system that opened the ticket, told only by {@code ticket.opened}
     *                     (null for every other event): it decides which integration client reaches it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplaintTicket remember(TicketFacts facts, Instant at, String sourceSystem) {
        ComplaintTicket ticket = em.find(ComplaintTicket.class, facts.ticketId());
        if (ticket == null) {
            ticket = new ComplaintTicket();
            ticket.learn(facts, at);
            em.persist(ticket);
        } else {
            ticket.learn(facts, at);
        }
        if (sourceSystem != null) {
            // whatever order the ticket's events arrived in: the opening names the source for good
            ticket.sourceSystem = sourceSystem;
        }
        return ticket;
    }

    public Optional<ComplaintTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(ComplaintTicket.class, ticketId));
    }
}
