package io.pledge.sla.clock;

import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.outbox.Outbox;
import io.pledge.sla.policy.SeededTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Starts and reads SLA clocks. */
@ApplicationScoped
public class SlaClocks {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    /**
     * A new ticket awaits its first response from the moment it was opened (event time). A second
     * {@code ticket.opened} for the same ticket starts nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startFirstResponse(TicketOpened opened, Instant openedAt) {
        TicketFacts ticket = opened.ticket();
        String metric = SlaMetric.FIRST_RESPONSE.name();
        boolean alreadyStarted = !em.createQuery(
                        "select c.id from SlaClock c where c.ticketId = :ticket and c.metric = :metric", UUID.class)
                .setParameter("ticket", ticket.ticketId())
                .setParameter("metric", metric)
                .getResultList().isEmpty();
        if (alreadyStarted) {
            return;
        }
        SeededTargets.Target target = SeededTargets.firstResponse(ticket.channel(), ticket.priority());
        SlaClock clock = new SlaClock();
        clock.id = UUID.randomUUID();
        clock.ticketId = ticket.ticketId();
        clock.metric = metric;
        clock.policyId = target.policyId();
        clock.targetSeconds = target.duration().toSeconds();
        clock.calendarId = target.calendarId();
        clock.startedAt = openedAt;
        clock.dueAt = openedAt.plus(target.duration());
        clock.state = SlaClockState.RUNNING;
        clock.channel = ticket.channel();
        clock.category = ticket.category();
        clock.priority = ticket.priority();
        clock.team = ticket.team();
        clock.agent = ticket.agent();
        em.persist(clock);
        outbox.record(new SlaClockStarted(clock.id, clock.ticketId, clock.metric, clock.policyId, clock.target(),
                clock.calendarId, clock.startedAt, clock.dueAt, clock.channel, clock.category, clock.priority,
                clock.team, clock.agent), openedAt);
    }

    public List<SlaClock> forTicket(UUID ticketId) {
        return em.createQuery("from SlaClock c where c.ticketId = :ticket order by c.startedAt, c.metric", SlaClock.class)
                .setParameter("ticket", ticketId)
                .getResultList();
    }
}
