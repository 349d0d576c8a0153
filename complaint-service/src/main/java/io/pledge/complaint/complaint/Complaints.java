package io.pledge.complaint.complaint;

import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers and reads complaints. */
@ApplicationScoped
public class Complaints {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /** A ticket opened as a complaint registers one complaint for it; nothing else does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registerIfComplaint(TicketOpened opened, Instant openedAt) {
        TicketFacts ticket = opened.ticket();
        if (ticket.category() != Category.COMPLAINT || forTicket(ticket.ticketId()).isPresent()) {
            return;
        }
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.ticketId = ticket.ticketId();
        complaint.customerId = ticket.customerId();
        complaint.state = ComplaintState.REGISTERED;
        complaint.severity = Severity.fromPriority(ticket.priority());
        complaint.channel = ticket.channel();
        complaint.priority = ticket.priority();
        complaint.department = ticket.department();
        complaint.team = ticket.team();
        complaint.agent = ticket.agent();
        complaint.registeredAt = openedAt;
        em.persist(complaint);
        outbox.record(new ComplaintRegistered(complaint.id, complaint.ticketId, complaint.customerId,
                complaint.channel, complaint.priority, complaint.severity.name(), complaint.department,
                complaint.team, complaint.agent, complaint.registeredAt), openedAt);
    }

    public Optional<Complaint> forTicket(UUID ticketId) {
        return em.createQuery("from Complaint c where c.ticketId = :ticket", Complaint.class)
                .setParameter("ticket", ticketId)
                .getResultStream().findFirst();
    }

    public Optional<Complaint> find(UUID id) {
        return Optional.ofNullable(em.find(Complaint.class, id));
    }

    /** Newest first, at most {@code limit}. */
    public List<Complaint> list(UUID ticketId, ComplaintState state, int limit) {
        return em.createQuery("""
                        from Complaint c
                        where (:ticket is null or c.ticketId = :ticket) and (:state is null or c.state = :state)
                        order by c.registeredAt desc, c.id""", Complaint.class)
                .setParameter("ticket", ticketId)
                .setParameter("state", state)
                .setMaxResults(limit)
                .getResultList();
    }
}
