package io.pledge.kpi.snapshot;

import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.kpi.aggregate.ConsumerProgress;
import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.catalogue.Kpi;
import io.pledge.kpi.catalogue.KpiCatalogue;
import io.pledge.kpi.catalogue.KpiTargets;
import io.pledge.kpi.catalogue.KpiValues;
import io.pledge.kpi.measure.Dimension;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.time.JdbcInstants;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;


import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>Current buckets (the hour, day, week and month that hold now) go first, all of them, every
 * time: they are what dashboards show. Older buckets ("history": a late event's, or a replay's)
 * follow at once when the consumer is idle; while it drains a backlog, one batch of them per
 * {@code kpi.history-snapshot-every}, since each further event may change them again.
 */
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    /** Marks of current buckets taken per transaction. */
    static final int CURRENT_BATCH = 1000;
    /** Marks of history taken per transaction: small, so current ones never wait long behind them. */
    static final int HISTORY_BATCH = 250;

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

    @Inject
    ConsumerProgress progress;

    private ScheduledExecutorService scheduler;
    private Instant lastHistory = Instant.EPOCH;

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
            Instant now = clock.instant();
            boolean history = !progress.draining() || !now.isBefore(lastHistory.plus(config.historySnapshotEvery()));
            boolean moreHistory = true;
            do {
                while (publishBatch(true) == CURRENT_BATCH) {
                    // more current marks are waiting
                }
                if (history) {
                    lastHistory = now;
                    // one batch of history, then current ones again: they must not wait behind a replay's
                    moreHistory = publishBatch(false) == HISTORY_BATCH && !progress.draining();
                }
            } while (history && moreHistory);
        } catch (RuntimeException e) {
            LOG.warnf("publishing KPI snapshots failed (retrying): %s", e.toString());
        }
    }

    /**
     * Takes up to {@link #CURRENT_BATCH} marks of current buckets, or {@link #HISTORY_BATCH} of the oldest
     * marks, and records the snapshots they call for.
     *
     * @param current true: marks of current buckets only; false: the oldest marks
     * @return how many marks it took (a full batch: more may be waiting)
     */
    @Transactional
    public int publishBatch(boolean current) {
        Instant now = clock.instant();
        // current: each mark's bucket starts at or after the start of the bucket of its size holding now
        String which = current ? """
                where (bucket_size = 'HOUR' and bucket_start >= ?2) or (bucket_size = 'DAY' and bucket_start >= ?3)
                   or (bucket_size = 'WEEK' and bucket_start >= ?4) or (bucket_size = 'MONTH' and bucket_start >= ?5)"""
                : "order by marked_at";
        var query = em.createNativeQuery("""
                        delete from kpi_dirty where ctid = any(array(
                            select ctid from kpi_dirty %s limit ?1 for update skip locked))
                        returning metric, dimension, dimension_value, bucket_size, bucket_start""".formatted(which))
                .setParameter(1, current ? CURRENT_BATCH : HISTORY_BATCH);
        if (current) {
            query.setParameter(2, startOfCurrent(BucketSize.HOUR, now)).setParameter(3, startOfCurrent(BucketSize.DAY, now))
                    .setParameter(4, startOfCurrent(BucketSize.WEEK, now))
                    .setParameter(5, startOfCurrent(BucketSize.MONTH, now));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> marks = query.getResultList();
        Map<KpiStore.Bucket, Set<Kpi>> due = new LinkedHashMap<>();
        for (Object[] m : marks) {
            KpiStore.Bucket bucket = new KpiStore.Bucket(new Dimension((String) m[1], (String) m[2]),
                    BucketSize.valueOf((String) m[3]), JdbcInstants.of(m[4]));
            due.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).addAll(KpiCatalogue.reading((String) m[0]));
        }
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, KpiTargets.Target> targetOf = new HashMap<>();
        targets.all().forEach(t -> targetOf.put(t.kpi(), t));
        // one read of every input the batch's KPIs need
        Set<String> names = new LinkedHashSet<>();
        due.values().forEach(kpis -> kpis.forEach(k -> names.addAll(k.inputs())));
        Map<KpiStore.Bucket, Kpi.Inputs> inputs = store.inputsAt(names, KpiCatalogue.RUNNING_TOTALS,
                new ArrayList<>(due.keySet()));
        due.forEach((bucket, kpis) -> {
            for (Kpi kpi : kpis) {
                KpiValues.Point point = values.point(kpi, targetOf.get(kpi.name()), bucket.start(), inputs.get(bucket));
                outbox.record(new KpiSnapshot(kpi.name(), bucket.dimension().name() + "=" + bucket.dimension().value(),
                        bucket.size().name(),
                        point.bucketStart(), point.value(), point.samples(), kpi.unit().label, point.target(),
                        point.status().name(), now), now);
            }
        });
        return marks.size();
    }

    private Timestamp startOfCurrent(BucketSize size, Instant now) {
        return Timestamp.from(size.startOf(now, store.zone()));
    }
}
