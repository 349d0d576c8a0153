package io.pledge.kpi.snapshot;

import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.kpi.aggregate.ConsumerProgress;
import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.catalogue.BaseValues;
import io.pledge.kpi.catalogue.Kpi;
import io.pledge.kpi.catalogue.KpiCatalogue;
import io.pledge.kpi.catalogue.KpiTargets;
import io.pledge.kpi.catalogue.KpiValues;
import io.pledge.kpi.measure.Dimension;
import io.pledge.platform.time.FixedDelayTask;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.time.JdbcInstants;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes {@code kpi.snapshot} for every KPI whose inputs changed, through the outbox. Changes
 * are marked in {@code kpi_dirty} in the transaction that applied them; every
 * {@code kpi.snapshot-every} this claims the marks (SKIP LOCKED, so replicas share the work),
 * computes each affected KPI once per dimension value and bucket, and records its snapshot — a
 * burst of events becomes one snapshot per key. A mark is taken only once its bucket size's
 * {@code kpi.snapshot-delay} has passed since the bucket's first change (the mark's time): weeks and
 * months go out at most once per delay, however often they change.
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
    /** A claim older than this was left by a publisher that stopped before its snapshots were recorded. */
    static final Duration CLAIM_EXPIRY = Duration.ofMinutes(1);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    BaseValues baseValues;

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

    private FixedDelayTask rounds;
    private Instant lastHistory = Instant.EPOCH;

    // Quarkus' scheduler runs nothing more often than once a second; snapshots must go out sooner.
    void start(@Observes StartupEvent event) {
        rounds = FixedDelayTask.start("kpi-snapshots", config.snapshotEvery(), this::publishDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (rounds != null) {
            rounds.close();
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
     * <p>Three transactions, so that the consumer never waits long on a mark: the first claims the
     * marks (SKIP LOCKED: a mark a consumer's transaction holds is left for the next round, and replicas
     * claim different marks) and commits; the second reads the values and records the snapshots; the
     * third deletes the marks that are still its claim. A consumer that changes a claimed bucket
     * meanwhile clears the claim ({@code KpiStore}), so that mark stays for the next round, whichever
     * value this one read. Marks of a claim that was never finished (a replica gone) are claimed
     * again after {@link #CLAIM_EXPIRY}.
     *
     * @param current true: marks of current buckets only; false: the oldest marks
     * @return how many marks it took (a full batch: more may be waiting)
     */
    public int publishBatch(boolean current) {
        UUID claim = UUID.randomUUID();
        List<Object[]> marks = QuarkusTransaction.requiringNew().call(() -> claim(current, claim));
        if (marks.isEmpty()) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> publish(marks));
        } catch (RuntimeException e) {
            try {
                QuarkusTransaction.requiringNew().run(() -> release(claim, false));
            } catch (RuntimeException releasing) {
                e.addSuppressed(releasing); // the claim then expires; the first failure is the one to report
            }
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> release(claim, true));
        return marks.size();
    }

    /** The first of a round's three transactions: claims its marks and returns them. */
    List<Object[]> claim(boolean current, UUID claim) {
        Instant now = clock.instant();
        // current: each mark's bucket starts at or after the start of the bucket of its size holding now
        String which = current ? """
                and ((bucket_size = 'HOUR' and bucket_start >= ?9) or (bucket_size = 'DAY' and bucket_start >= ?10)
                   or (bucket_size = 'WEEK' and bucket_start >= ?11) or (bucket_size = 'MONTH' and bucket_start >= ?12))"""
                : "order by marked_at";
        var query = em.createNativeQuery("""
                        update kpi_dirty set claim = ?2, claimed_at = ?3 where ctid = any(array(
                            select ctid from kpi_dirty where (claim is null or claimed_at < ?4)
                            and marked_at <= case bucket_size when 'HOUR' then cast(?5 as timestamptz)
                                when 'DAY' then cast(?6 as timestamptz) when 'WEEK' then cast(?7 as timestamptz)
                                else cast(?8 as timestamptz) end %s
                            limit ?1 for update skip locked))
                        returning metric, dimension, dimension_value, bucket_size, bucket_start""".formatted(which))
                .setParameter(1, current ? CURRENT_BATCH : HISTORY_BATCH)
                .setParameter(2, claim)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, Timestamp.from(now.minus(CLAIM_EXPIRY)))
                // a mark is taken once its bucket size's delay has passed since its first change
                .setParameter(5, markedBy(BucketSize.HOUR, now)).setParameter(6, markedBy(BucketSize.DAY, now))
                .setParameter(7, markedBy(BucketSize.WEEK, now)).setParameter(8, markedBy(BucketSize.MONTH, now));
        if (current) {
            query.setParameter(9, startOfCurrent(BucketSize.HOUR, now)).setParameter(10, startOfCurrent(BucketSize.DAY, now))
                    .setParameter(11, startOfCurrent(BucketSize.WEEK, now))
                    .setParameter(12, startOfCurrent(BucketSize.MONTH, now));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> marks = query.getResultList();
        return marks;
    }

    /** The second: records the snapshots of the claimed marks. */
    void publish(List<Object[]> marks) {
        Instant now = clock.instant();
        Map<BaseValues.Bucket, Set<Kpi>> due = new LinkedHashMap<>();
        for (Object[] m : marks) {
            BaseValues.Bucket bucket = new BaseValues.Bucket(new Dimension((String) m[1], (String) m[2]),
                    BucketSize.valueOf((String) m[3]), JdbcInstants.of(m[4]));
            due.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).addAll(KpiCatalogue.reading((String) m[0]));
        }
        Map<String, KpiTargets.Target> targetOf = new HashMap<>();
        targets.all().forEach(t -> targetOf.put(t.kpi(), t));
        // one read of every input the batch's KPIs need
        Set<String> names = new LinkedHashSet<>();
        due.values().forEach(kpis -> kpis.forEach(k -> names.addAll(k.inputs())));
        Map<BaseValues.Bucket, Kpi.Inputs> inputs = baseValues.inputsAt(names, KpiCatalogue.RUNNING_TOTALS,
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
    }

    /**
     * The third: lets go of the claim's marks that are still claimed, deleting them once their
     * snapshots are recorded ({@code published}), or clearing the claim when that failed. A
     * transaction of its own, so that consumers marking these buckets wait for nothing longer than
     * this. A mark another transaction holds is skipped, never waited for: that is a consumer clearing
     * the claim (the mark stays for the next round), and waiting on it could deadlock with its other marks.
     */
    void release(UUID claim, boolean published) {
        em.createNativeQuery((published ? "delete from kpi_dirty" : "update kpi_dirty set claim = null, claimed_at = null")
                        + " where ctid = any(array(select ctid from kpi_dirty where claim = ?1 for update skip locked))")
                .setParameter(1, claim).executeUpdate();
    }

    private Timestamp markedBy(BucketSize size, Instant now) {
        return Timestamp.from(now.minus(config.snapshotDelay().of(size)));
    }

    private Timestamp startOfCurrent(BucketSize size, Instant now) {
        return Timestamp.from(size.startOf(now, config.zone()));
    }
}
