package io.pledge.kpi.aggregate;

import io.pledge.contracts.EventType;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.kpi.measure.EventMeasures;
import io.pledge.kpi.measure.Measure;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.IdempotentConsumer.Delivery;
import io.pledge.platform.events.InboundEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies a batch of events to the KPIs in one transaction: the events' ids recorded as processed
 * and their measures added, or neither. An event seen before is skipped; an event whose measures
 * cannot be computed is left out and handed back, to go to the dead-letter topic.
 */
@ApplicationScoped
public class KpiAggregator {

    /** An event that could not be applied, and why. */
    public record Rejected(Delivery delivery, RuntimeException reason) {
    }

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    KpiStore store;

    @Inject
    EntityManager em;

    /** A lost race or the database briefly away: the whole batch again, in a new transaction. */
    @Retry(maxRetries = 30, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200,
            maxDuration = 5, durationUnit = ChronoUnit.MINUTES)
    public List<Rejected> apply(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, Instant> clockStarts = clockStarts(batch);
            List<Rejected> rejected = new ArrayList<>();
            // by identity: a delivery's equals and hashCode would walk its whole JSON data
            Map<Delivery, List<Measure>> measured = new IdentityHashMap<>();
            List<Delivery> applicable = new ArrayList<>();
            for (Delivery delivery : batch) {
                try {
                    measured.put(delivery, EventMeasures.of(delivery.event(), id -> Optional.ofNullable(clockStarts.get(id))));
                    applicable.add(delivery);
                } catch (RuntimeException e) {
                    rejected.add(new Rejected(delivery, e));
                }
            }
            List<Measure> measures = new ArrayList<>();
            List<SlaClockStarted> started = new ArrayList<>();
            for (Delivery first : idempotent.firstDeliveries(applicable)) {
                measures.addAll(measured.get(first));
                if (first.event().is(EventType.SLA_CLOCK_STARTED)) {
                    started.add(first.event().dataAs(SlaClockStarted.class));
                }
            }
            rememberClockStarts(started);
            store.apply(measures);
            return rejected;
        });
    }

    /**
     * Where the SLA clocks the batch's outcomes refer to started (their outcomes count in that
     * bucket): those started earlier, from the table, and those starting in this batch.
     */
    private Map<UUID, Instant> clockStarts(List<Delivery> batch) {
        Map<UUID, Instant> starts = new HashMap<>();
        List<String> wanted = new ArrayList<>();
        for (Delivery delivery : batch) {
            InboundEvent event = delivery.event();
            if (event.is(EventType.SLA_CLOCK_STARTED)) {
                SlaClockStarted clock = event.dataAs(SlaClockStarted.class);
                starts.put(clock.clock().clockId(), clock.startedAt());
            } else if (event.type().topic().equals(EventType.SLA_CLOCK_STARTED.topic())) {
                // its schema makes clockId a UUID; one that is not would be rejected when measured
                String clockId = event.data().path("clock").path("clockId").asText("");
                if (clockId.length() == 36) {
                    wanted.add(clockId);
                }
            }
        }
        starts.keySet().forEach(id -> wanted.remove(id.toString()));
        if (!wanted.isEmpty()) {
            for (Object row : em.createNativeQuery("""
                            select clock_id, started_at from kpi_clock_start
                            where clock_id = any(cast(cast(?1 as text[]) as uuid[]))""")
                    .setParameter(1, wanted.toArray(String[]::new)).getResultList()) {
                Object[] r = (Object[]) row;
                starts.put((UUID) r[0], KpiStore.toInstant(r[1]));
            }
        }
        return starts;
    }

    private void rememberClockStarts(List<SlaClockStarted> started) {
        if (started.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        insert into kpi_clock_start (clock_id, started_at)
                        select * from unnest(cast(cast(?1 as text[]) as uuid[]), cast(cast(?2 as text[]) as timestamptz[]))
                        on conflict do nothing""")
                .setParameter(1, started.stream().map(s -> s.clock().clockId().toString()).toArray(String[]::new))
                .setParameter(2, started.stream().map(s -> s.startedAt().toString()).toArray(String[]::new))
                .executeUpdate();
    }
}
