package io.pledge.kpi.snapshot;

import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.kpi.aggregate.Dimension;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.catalogue.Kpi;
import io.pledge.kpi.catalogue.KpiCatalogue;
import io.pledge.kpi.catalogue.KpiTargets;
import io.pledge.kpi.catalogue.KpiValues;
import io.pledge.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes {@code kpi.snapshot} for every KPI whose inputs changed, through the outbox. Changes
 * are marked in {@code kpi_dirty} in the transaction that applied them; every
 * {@code kpi.snapshot-every} this takes the marks (SKIP LOCKED, so replicas share the work),
 * computes each affected KPI once per dimension value and bucket, and records its snapshot — a
 * burst of events becomes one snapshot per key.
 */
@ApplicationScoped
public class SnapshotPublisher {

    /** Marks taken per transaction. */
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    KpiStore store;

    @Inject
    KpiValues values;

    @Inject
    KpiTargets targets;

    @Inject
    Clock clock;

    @Scheduled(every = "${kpi.snapshot-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDue() {
        while (publishBatch() == BATCH) {
            // more marks are waiting
        }
    }

    /** @return how many marks it took */
    @Transactional
    public int publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> marks = em.createNativeQuery("""
                        select metric, dimension, dimension_value, bucket_size, bucket_start from kpi_dirty
                        order by marked_at limit ?1 for update skip locked""")
                .setParameter(1, BATCH).getResultList();
        record Key(Dimension dimension, BucketSize size, Instant start) {
        }
        Map<Key, Set<Kpi>> due = new HashMap<>();
        for (Object[] m : marks) {
            Key key = new Key(new Dimension((String) m[1], (String) m[2]), BucketSize.valueOf((String) m[3]),
                    toInstant(m[4]));
            due.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(KpiCatalogue.reading((String) m[0]));
            em.createNativeQuery("""
                            delete from kpi_dirty where metric = ?1 and dimension = ?2 and dimension_value = ?3
                              and bucket_size = ?4 and bucket_start = ?5""")
                    .setParameter(1, m[0]).setParameter(2, m[1]).setParameter(3, m[2]).setParameter(4, m[3])
                    .setParameter(5, m[4]).executeUpdate();
        }
        Instant now = clock.instant();
        due.forEach((key, kpis) -> {
            for (Kpi kpi : kpis) {
                for (KpiValues.Point point : values.series(kpi, key.dimension(), key.size(), key.start(),
                        key.start().plusSeconds(1))) {
                    outbox.record(new KpiSnapshot(kpi.name(), key.dimension().name() + "=" + key.dimension().value(),
                            key.size().name(), point.bucketStart(), point.value(), point.samples(), kpi.unit().label,
                            point.target(), point.status().name(), now), now);
                }
            }
        });
        return marks.size();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }
}
