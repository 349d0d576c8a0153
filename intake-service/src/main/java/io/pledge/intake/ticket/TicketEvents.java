package io.pledge.intake.ticket;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Publishes a ticket's events through the outbox and keeps them on the ticket's timeline. */
@ApplicationScoped
public class TicketEvents {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(TicketEvent event, Instant occurredAt) {
        UUID eventId = outbox.record(event, occurredAt);
        TimelineEntry entry = new TimelineEntry();
        entry.ticketId = event.ticket().ticketId();
        entry.eventId = eventId;
        entry.type = EventType.of(event).type();
        entry.occurredAt = occurredAt;
        entry.data = EventCodec.toTree(event).toString();
        em.persist(entry);
    }
}
