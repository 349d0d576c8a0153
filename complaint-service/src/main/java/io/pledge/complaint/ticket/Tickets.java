package io.pledge.complaint.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.tickets.TicketCopy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The copy of ticket facts complaint-service keeps from the ticket events. */
@ApplicationScoped
public class Tickets {

    @Inject
    EntityManager em;

    /** The copies of these tickets that exist, by id, in one query ({@link TicketCopy#load}). */
    public Map<UUID, ComplaintTicket> load(Collection<UUID> ticketIds) {
        return TicketCopy.load(em, ComplaintTicket.class, ticketIds);
    }

    /**
     * Keeps the facts an event told about its ticket (see {@link ComplaintTicket#learn}); the
     * ticket's copy is looked up in {@code known} ({@link #load}), which a new one joins.
     *
     * @param sourceSystem the system that opened the ticket, told only by {@code ticket.opened}
     *                     (null for every other event): it decides which integration client reaches it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ComplaintTicket remember(Map<UUID, ComplaintTicket> known, TicketFacts facts, Instant at, String sourceSystem) {
        ComplaintTicket ticket = known.get(facts.ticketId());
        if (ticket == null) {
            ticket = new ComplaintTicket();
            ticket.learn(facts, at);
            em.persist(ticket);
            known.put(facts.ticketId(), ticket);
        } else {
            ticket.learn(facts, at);
        }
        ticket.nameSource(sourceSystem);
        return ticket;
    }

    public Optional<ComplaintTicket> find(UUID ticketId) {
        return Optional.ofNullable(em.find(ComplaintTicket.class, ticketId));
    }
}
