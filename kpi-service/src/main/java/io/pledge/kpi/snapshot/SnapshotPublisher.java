package io.pledge.kpi.snapshot;

import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.kpi.aggregate.Dimension;
import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.catalogue.Kpi;
import io.pledge.kpi.catalogue.KpiCatalogue;
import io.pledge.kpi.catalogue.KpiTargets;
import io.pledge.kpi.catalogue.KpiValues;
import io.pledge.platform.outbox.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;


import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@code kpi.snapshot} for every KPI whose inputs changed, through the outbox. Changes
 * are marked in {@code kpi_dirty} in the transaction that applied them; every
 * {@code kpi.snapshot-every} this takes the marks (SKIP LOCKED, so replicas share the work),
 * computes each affected KPI once per dimension value and bucket, and records its snapshot — a
 * burst of events becomes one snapshot per key.
 */
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    /** Marks taken per transaction: the newest, so live changes go out at once even while a backlog drains... */
    static final int NEWEST = 400;
    /** ...and the oldest, so a backlog (after a rebuild, say) still drains. */
    static final int OLDEST = 100;
    static final int BATCH = NEWEST + OLDEST;

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

    @Inject
    KpiConfig config;

    private ScheduledExecutorService scheduler;

    // Quarkus' scheduler runs nothing more often than once a second; snapshots must go out sooner.
    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kpi-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.snapshotEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::publishDue, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    void publishDue() {
        try {
            while (publishBatch() == BATCH) {
                // more marks are waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("publishing KPI snapshots failed (retrying): %s", e.toString());
        }
    }

    /** @return how many marks it took (a full batch: more are waiting) */
    @Transactional
    public int publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> marks = em.createNativeQuery("""
                        with newest as (
                                 select metric, dimension, dimension_value, bucket_size, bucket_start from kpi_dirty
                                 order by marked_at desc limit ?1 for update skip locked),
                             oldest as (
                                 select metric, dimension, dimension_value, bucket_size, bucket_start from kpi_dirty
                                 order by marked_at limit ?2 for update skip locked)
                        select * from newest union select * from oldest""")
                .setParameter(1, NEWEST).setParameter(2, OLDEST).getResultList();
        record Key(Dimension dimension, BucketSize size, Instant start) {
        }
        Map<Key, Set<Kpi>> due = new HashMap<>();
        for (Object[] m : marks) {
            Key key = new Key(new Dimension((String) m[1], (String) m[2]), BucketSize.valueOf((String) m[3]),
                    KpiStore.toInstant(m[4]));
            due.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(KpiCatalogue.reading((String) m[0]));
            em.createNativeQuery("""
                            delete from kpi_dirty where metric = ?1 and dimension = ?2 and dimension_value = ?3
                              and bucket_size = ?4 and bucket_start = ?5""")
                    .setParameter(1, m[0]).setParameter(2, m[1]).setParameter(3, m[2]).setParameter(4, m[3])
                    .setParameter(5, m[4]).executeUpdate();
        }
        Instant now = clock.instant();
        Map<String, KpiTargets.Target> targetOf = new HashMap<>();
        targets.all().forEach(t -> targetOf.put(t.kpi(), t));
        due.forEach((key, kpis) -> {
            // one read of every input the bucket's affected KPIs need
            Set<String> inputs = new LinkedHashSet<>();
            kpis.forEach(k -> inputs.addAll(k.inputs()));
            Kpi.Inputs in = store.inputsAt(inputs, key.dimension(), key.size(), key.start());
            for (Kpi kpi : kpis) {
                KpiValues.Point point = values.point(kpi, targetOf.get(kpi.name()), key.start(), in);
                outbox.record(new KpiSnapshot(kpi.name(), key.dimension().name() + "=" + key.dimension().value(),
                        key.size().name(), point.bucketStart(), point.value(), point.samples(), kpi.unit().label,
                        point.target(), point.status().name(), now), now);
            }
        });
        return marks.size();
    }
}
