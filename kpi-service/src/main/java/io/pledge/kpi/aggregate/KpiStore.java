package io.pledge.kpi.aggregate;

import io.pledge.kpi.bucket.BucketSize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

/** Counted KPI values in kpi_value: incremented by events, read by the API. */
@ApplicationScoped
public class KpiStore {

    @Inject
    EntityManager em;

    @Inject
    KpiConfig config;

    @Inject
    Clock clock;

    public ZoneId zone() {
        return ZoneId.of(config.businessTimeZone());
    }

    /** Adds one to {@code metric} in every bucket size holding {@code at}, for each dimension. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void increment(String metric, Collection<Dimension> dimensions, Instant at) {
        Instant now = clock.instant();
        for (Dimension dimension : dimensions) {
            for (BucketSize size : BucketSize.values()) {
                em.createNativeQuery("""
                                insert into kpi_value (metric, dimension, dimension_value, bucket_size, bucket_start, value, updated_at)
                                values (?1, ?2, ?3, ?4, ?5, 1, ?6)
                                on conflict (metric, dimension, dimension_value, bucket_size, bucket_start)
                                do update set value = kpi_value.value + 1, updated_at = excluded.updated_at""")
                        .setParameter(1, metric)
                        .setParameter(2, dimension.name())
                        .setParameter(3, dimension.value())
                        .setParameter(4, size.name())
                        .setParameter(5, Timestamp.from(size.startOf(at, zone())))
                        .setParameter(6, Timestamp.from(now))
                        .executeUpdate();
            }
        }
    }

    /** A value per bucket whose start lies in [from, to), oldest first; empty buckets are left out. */
    public List<KpiPoint> series(String metric, Dimension dimension, BucketSize size, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select bucket_start, value from kpi_value
                        where metric = ?1 and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start >= ?5 and bucket_start < ?6
                        order by bucket_start""")
                .setParameter(1, metric)
                .setParameter(2, dimension.name())
                .setParameter(3, dimension.value())
                .setParameter(4, size.name())
                .setParameter(5, Timestamp.from(size.startOf(from, zone())))
                .setParameter(6, Timestamp.from(to))
                .getResultList();
        return rows.stream().map(row -> new KpiPoint(toInstant(row[0]), ((Number) row[1]).longValue())).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }

    public record KpiPoint(Instant bucketStart, long value) {
    }
}
