package io.pledge.complaint.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Events about a complaint that is not registered yet — its {@code ticket.opened} has not arrived,
 * since topics are not ordered against each other. They wait here and are applied, in event-time
 * order, in the transaction that registers the complaint.
 */
@ApplicationScoped
public class PendingEvents {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void park(InboundEvent event, UUID ticketId) {
        if (em.find(PendingEvent.class, event.id()) != null) {
            return;
        }
        PendingEvent pending = new PendingEvent();
        pending.eventId = event.id();
        pending.ticketId = ticketId;
        pending.eventType = event.type().type();
        pending.source = event.source();
        pending.eventTime = event.time();
        pending.data = event.data().toString();
        pending.parkedAt = clock.instant();
        em.persist(pending);
    }

    /** Applies and forgets the events waiting for {@code ticketId}, earliest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void drain(UUID ticketId, Consumer<InboundEvent> apply) {
        List<PendingEvent> waiting = em.createQuery(
                        "from PendingEvent p where p.ticketId = :ticket order by p.eventTime, p.eventId", PendingEvent.class)
                .setParameter("ticket", ticketId)
                .getResultList();
        for (PendingEvent pending : waiting) {
            em.remove(pending);
            apply.accept(new InboundEvent(pending.eventId, EventType.fromType(pending.eventType).orElseThrow(),
                    pending.source, ticketId.toString(), pending.eventTime,
                    EventCodec.parse(pending.data.getBytes(StandardCharsets.UTF_8))));
        }
    }

    public long waitingFor(UUID ticketId) {
        return em.createQuery("select count(p) from PendingEvent p where p.ticketId = :ticket", Long.class)
                .setParameter("ticket", ticketId).getSingleResult();
    }

    /** Forgets the events of {@code type} waiting for {@code ticketId} whose data matches (a retracted breach). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID ticketId, EventType type, Predicate<JsonNode> data) {
        em.createQuery("from PendingEvent p where p.ticketId = :ticket and p.eventType = :type", PendingEvent.class)
                .setParameter("ticket", ticketId).setParameter("type", type.type())
                .getResultStream()
                .filter(p -> data.test(EventCodec.parse(p.data.getBytes(StandardCharsets.UTF_8))))
                .forEach(em::remove);
    }
}
