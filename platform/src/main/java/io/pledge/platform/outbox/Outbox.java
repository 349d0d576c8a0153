package io.pledge.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventSchemas;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.platform.PledgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a service puts the events its state changes cause. The caller's transaction writes the
 * event together with the change: both are committed, or neither ({@link PendingEvents} writes a
 * transaction's events together at its end). {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    PledgeConfig config;

    @Inject
    Clock clock;

    @Inject
    PendingEvents pending;

    /**
     * Records {@code event} for publication.
     *
     * @param occurredAt when it happened in the world: the event's {@code ce_time}
     * @return the event's id ({@code ce_id})
     * @throws IllegalStateException if the event breaks its own schema (a bug, never the caller's input)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(PledgeEvent event, Instant occurredAt) {
        EventType type = EventType.of(event);
        JsonNode data = EventCodec.toTree(event);
        List<String> violations = EventSchemas.violations(type, data);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(type.type() + " breaks its schema: " + violations);
        }
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = type.topic();
        row.key = event.subject();
        row.lane = Math.floorMod(row.key.hashCode(), config.outbox().lanes());
        row.type = type.type();
        row.source = "/pledge/" + config.serviceName();
        row.subject = event.subject();
        row.time = occurredAt;
        row.dataSchema = type.dataSchema().toString();
        row.payload = data.toString();
        row.createdAt = clock.instant();
        pending.add(row, em.unwrap(SharedSessionContractImplementor.class));
        return row.eventId;
    }
}
