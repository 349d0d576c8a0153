package io.pledge.intake.promise;

import io.pledge.contracts.sla.SlaClockFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The promises made to a ticket's customer: the due instants of its running SLA clocks. */
@ApplicationScoped
public class Promises {

    /** The next promise: which metric is due and by when. */
    public record Promise(String metric, Instant dueAt) {
    }

    @Inject
    EntityManager em;

    /** Merges what one SLA event tells about its clock into what is known (in the caller's transaction). */
    void learn(SlaClockFacts clock, UnaryOperator<ClockKnowledge> fact) {
        PromisedClock row = em.find(PromisedClock.class, clock.clockId());
        if (row == null) {
            row = new PromisedClock();
            row.clockId = clock.clockId();
            row.ticketId = clock.ticketId();
            row.remember(ClockKnowledge.of(clock.metric()));
            em.persist(row);
        }
        row.remember(fact.apply(row.knowledge()));
    }

    /** The running clock of the ticket that falls due first, if any. */
    public Optional<Promise> next(UUID ticketId) {
        return em.createQuery("from PromisedClock c where c.ticketId = :ticket", PromisedClock.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .map(PromisedClock::knowledge)
                .filter(ClockKnowledge::running)
                .map(k -> new Promise(k.metric(), k.dueAt()))
                .min(Comparator.comparing(Promise::dueAt));
    }
}
