package io.pledge.kpi.aggregate;

import io.pledge.contracts.EventType;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.kpi.measure.EventMeasures;
import io.pledge.kpi.rebuild.Rebuild;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Every topic's events, each applied to the KPIs exactly once (processed-id check and effect in one
 * transaction) in the buckets {@link EventMeasures} names; poison records go to the topic's .dlq.
 */
@ApplicationScoped
public class KpiEventsHandler {

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    KpiStore store;

    @Inject
    EntityManager em;

    @Inject
    Rebuild rebuild;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        handle("kpi-service.tickets", record);
    }

    @Incoming("sla")
    @Blocking
    public void onSlaEvent(ConsumerRecord<String, byte[]> record) {
        handle("kpi-service.sla", record);
    }

    @Incoming("complaints")
    @Blocking
    public void onComplaintEvent(ConsumerRecord<String, byte[]> record) {
        handle("kpi-service.complaints", record);
    }

    @Incoming("surveys")
    @Blocking
    public void onSurveyEvent(ConsumerRecord<String, byte[]> record) {
        handle("kpi-service.surveys", record);
    }

    /** Applies the record's event once; the rebuild counts every record handled, poison included. */
    private void handle(String consumer, ConsumerRecord<String, byte[]> record) {
        try {
            apply(consumer, reader.read(record));
        } finally {
            rebuild.handled(record);
        }
    }

    private void apply(String consumer, InboundEvent event) {
        idempotent.applyOnce(consumer, event, e -> {
            if (e.is(EventType.SLA_CLOCK_STARTED)) {
                SlaClockStarted started = e.dataAs(SlaClockStarted.class);
                em.createNativeQuery("insert into kpi_clock_start (clock_id, started_at) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, started.clock().clockId()).setParameter(2, started.startedAt()).executeUpdate();
            }
            store.apply(EventMeasures.of(e, this::clockStart));
        });
    }

    private Optional<Instant> clockStart(UUID clockId) {
        return em.createNativeQuery("select started_at from kpi_clock_start where clock_id = ?1")
                .setParameter(1, clockId).getResultStream().findFirst().map(KpiStore::toInstant);
    }
}
