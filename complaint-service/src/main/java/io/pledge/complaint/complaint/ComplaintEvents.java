package io.pledge.complaint.complaint;

import io.pledge.complaint.ticket.ComplaintTicket;
import io.pledge.complaint.ticket.Tickets;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Every step of a complaint publishes its event (through the outbox, in the step's transaction)
 * and leaves a row in the complaint's history saying who took it and when.
 */
@ApplicationScoped
public class ComplaintEvents {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Tickets tickets;

    /** The ticket facts complaint events carry: the latest the ticket events told. */
    public TicketFacts facts(Complaint complaint) {
        return tickets.find(complaint.ticketId).map(ComplaintTicket::facts)
                .orElseGet(() -> new TicketFacts(complaint.ticketId, complaint.customerId, complaint.channel,
                        Category.COMPLAINT, complaint.priority, TicketStatus.OPEN, complaint.team, complaint.agent,
                        complaint.department));
    }

    /**
     * Records {@code event} for publication and the step in the complaint's history.
     *
     * @param from the state before the step (the complaint already holds the state after it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Complaint complaint, PledgeEvent event, Instant at, String actor, ComplaintState from,
                        String detail) {
        outbox.record(event, at);
        remember(complaint, EventType.of(event).type(), from, actor, at, detail);
    }

    /**
     * A line in the complaint's history that publishes nothing: a decision not to act, e.g. an
     * escalation that stands although its cause was retracted ({@code escalation-stands}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(Complaint complaint, String action, Instant at, String detail) {
        remember(complaint, action, complaint.state, null, at, detail);
    }

    private void remember(Complaint complaint, String action, ComplaintState from, String actor, Instant at, String detail) {
        ComplaintStep step = new ComplaintStep();
        step.complaintId = complaint.id;
        step.action = action;
        step.fromState = from;
        step.toState = complaint.state;
        step.level = complaint.level;
        step.actor = actor;
        step.at = at;
        step.detail = detail;
        em.persist(step);
    }
}
