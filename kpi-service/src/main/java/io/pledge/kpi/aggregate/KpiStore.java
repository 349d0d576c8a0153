package io.pledge.kpi.aggregate;

import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.catalogue.Kpi;
import io.pledge.kpi.measure.Measure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.DataFormatException;

/**
 * The base values KPIs are computed from, per metric, dimension value and bucket (hour, day, week,
 * month in the business time zone): counters in {@code kpi_value}, distributions as HdrHistograms
 * in {@code kpi_distribution}. Every change marks its bucket for the snapshot publisher.
 */
@ApplicationScoped
public class KpiStore {

    /** Distributions keep three significant digits (0.1 %): exact below 2,048 s, close enough above. */
    private static final int SIGNIFICANT_DIGITS = 3;

    @Inject
    EntityManager em;

    @Inject
    KpiConfig config;

    @Inject
    Clock clock;

    public ZoneId zone() {
        return ZoneId.of(config.businessTimeZone());
    }

    /** A row of kpi_value, kpi_distribution or kpi_dirty. */
    private record Key(String metric, String dimension, String value, String size, Instant start)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Comparator.comparing(Key::metric).thenComparing(Key::dimension).thenComparing(Key::value)
                    .thenComparing(Key::size).thenComparing(Key::start).compare(this, o);
        }
    }

    /**
     * Applies the measures of one event, in the caller's transaction: all its counter changes in one
     * statement and all its marks in another (an event touches dozens of rows: each measure for each
     * dimension and bucket size), rows in one order so that consumers of different topics never
     * wait on each other in a circle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Measure> measures) {
        SortedMap<Key, Long> counts = new TreeMap<>();
        SortedMap<Key, List<Long>> observations = new TreeMap<>();
        SortedSet<Key> dirty = new TreeSet<>();
        for (Measure measure : measures) {
            for (Dimension dimension : measure.dimensions()) {
                for (BucketSize size : BucketSize.values()) {
                    Key key = new Key(measure.name(), dimension.name(), dimension.value(), size.name(),
                            size.startOf(measure.at(), zone()));
                    if (measure.kind() == Measure.Kind.COUNT) {
                        counts.merge(key, measure.amount(), Long::sum);
                    } else {
                        observations.computeIfAbsent(key, k -> new ArrayList<>()).add(measure.amount());
                    }
                    dirty.add(key);
                }
            }
        }
        if (dirty.isEmpty()) {
            return; // an event that measures nothing
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (!counts.isEmpty()) {
            rows("""
                    insert into kpi_value (metric, dimension, dimension_value, bucket_size, bucket_start, value, updated_at)
                    values %s
                    on conflict (metric, dimension, dimension_value, bucket_size, bucket_start)
                    do update set value = kpi_value.value + excluded.value, updated_at = excluded.updated_at""",
                    counts.keySet(), key -> List.of(counts.get(key), now));
        }
        observations.forEach((key, values) -> record(key, values, now));
        rows("""
                insert into kpi_dirty (metric, dimension, dimension_value, bucket_size, bucket_start, marked_at)
                values %s on conflict do nothing""", dirty, key -> List.of(now));
    }

    /** One multi-row statement: each key's five columns, then {@code extra}'s values, per row. */
    private void rows(String sql, Collection<Key> keys, Function<Key, List<Object>> extra) {
        StringBuilder values = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Key key : keys) {
            List<Object> row = new ArrayList<>(List.of(key.metric(), key.dimension(), key.value(), key.size(),
                    Timestamp.from(key.start())));
            row.addAll(extra.apply(key));
            values.append(values.isEmpty() ? "(" : ", (");
            for (int i = 0; i < row.size(); i++) {
                parameters.add(row.get(i));
                values.append(i == 0 ? "" : ", ").append('?').append(parameters.size());
            }
            values.append(')');
        }
        var query = em.createNativeQuery(sql.formatted(values));
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        query.executeUpdate();
    }

    /**
     * Records observations in one distribution. The row exists (empty) before it is locked, so two
     * consumers recording into the same one take turns. (Doing all of an event's distributions in
     * one locking statement measured slower: docs/benchmarks.md.)
     */
    private void record(Key key, List<Long> values, Timestamp now) {
        em.createNativeQuery("""
                        insert into kpi_distribution (metric, dimension, dimension_value, bucket_size, bucket_start, histogram, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, key.metric()).setParameter(2, key.dimension()).setParameter(3, key.value())
                .setParameter(4, key.size()).setParameter(5, Timestamp.from(key.start()))
                .setParameter(6, encode(new Histogram(SIGNIFICANT_DIGITS))).setParameter(7, now).executeUpdate();
        byte[] stored = (byte[]) em.createNativeQuery("""
                        select histogram from kpi_distribution
                        where metric = ?1 and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4 and bucket_start = ?5
                        for update""")
                .setParameter(1, key.metric()).setParameter(2, key.dimension()).setParameter(3, key.value())
                .setParameter(4, key.size()).setParameter(5, Timestamp.from(key.start())).getSingleResult();
        Histogram histogram = decode(stored);
        values.forEach(v -> histogram.recordValue(Math.max(0, v)));
        em.createNativeQuery("""
                        update kpi_distribution set histogram = ?6, updated_at = ?7
                        where metric = ?1 and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4 and bucket_start = ?5""")
                .setParameter(1, key.metric()).setParameter(2, key.dimension()).setParameter(3, key.value())
                .setParameter(4, key.size()).setParameter(5, Timestamp.from(key.start())).setParameter(6, encode(histogram))
                .setParameter(7, now).executeUpdate();
    }

    /**
     * The base values {@code names} of one dimension value, per bucket whose start lies in
     * [from, to), oldest first; buckets with none of them are left out.
     */
    public TreeMap<Instant, Kpi.Inputs> inputs(Collection<String> names, Dimension dimension, BucketSize size,
                                               Instant from, Instant to) {
        TreeMap<Instant, Map<String, Long>> counts = new TreeMap<>();
        TreeMap<Instant, Map<String, Kpi.Distribution>> distributions = new TreeMap<>();
        Timestamp start = Timestamp.from(size.startOf(from, zone()));
        Timestamp end = Timestamp.from(to);
        String[] metrics = names.toArray(String[]::new);
        for (Object row : em.createNativeQuery("""
                        select bucket_start, metric, value from kpi_value
                        where metric = any(?1) and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start >= ?5 and bucket_start < ?6""")
                .setParameter(1, metrics).setParameter(2, dimension.name()).setParameter(3, dimension.value())
                .setParameter(4, size.name()).setParameter(5, start).setParameter(6, end).getResultList()) {
            Object[] r = (Object[]) row;
            counts.computeIfAbsent(toInstant(r[0]), k -> new HashMap<>()).put((String) r[1], ((Number) r[2]).longValue());
        }
        for (Object row : em.createNativeQuery("""
                        select bucket_start, metric, histogram from kpi_distribution
                        where metric = any(?1) and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start >= ?5 and bucket_start < ?6""")
                .setParameter(1, metrics).setParameter(2, dimension.name()).setParameter(3, dimension.value())
                .setParameter(4, size.name()).setParameter(5, start).setParameter(6, end).getResultList()) {
            Object[] r = (Object[]) row;
            Histogram h = decode((byte[]) r[2]);
            distributions.computeIfAbsent(toInstant(r[0]), k -> new HashMap<>()).put((String) r[1],
                    new Kpi.Distribution(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90)));
        }
        Map<String, Long> running = before(metrics, dimension, size, start);
        TreeMap<Instant, Kpi.Inputs> inputs = new TreeMap<>();
        counts.keySet().forEach(b -> inputs.put(b, null));
        distributions.keySet().forEach(b -> inputs.put(b, null));
        for (Map.Entry<Instant, Kpi.Inputs> entry : inputs.entrySet()) {
            Map<String, Long> bucketCounts = counts.getOrDefault(entry.getKey(), Map.of());
            bucketCounts.forEach((metric, value) -> running.merge(metric, value, Long::sum));
            entry.setValue(new StoredInputs(bucketCounts, distributions.getOrDefault(entry.getKey(), Map.of()),
                    Map.copyOf(running)));
        }
        return inputs;
    }

    /** The base values of one bucket, also when nothing happened in it (then only running sums are non-zero). */
    public Kpi.Inputs inputsAt(Collection<String> names, Dimension dimension, BucketSize size, Instant bucketStart) {
        Kpi.Inputs inputs = inputs(names, dimension, size, bucketStart, bucketStart.plusSeconds(1)).get(bucketStart);
        if (inputs != null) {
            return inputs;
        }
        return new StoredInputs(Map.of(), Map.of(),
                before(names.toArray(String[]::new), dimension, size, Timestamp.from(bucketStart.plusSeconds(1))));
    }

    /** Each counter summed over the buckets that start before {@code start}. */
    private Map<String, Long> before(String[] metrics, Dimension dimension, BucketSize size, Timestamp start) {
        Map<String, Long> sums = new HashMap<>();
        for (Object row : em.createNativeQuery("""
                        select metric, sum(value) from kpi_value
                        where metric = any(?1) and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start < ?5
                        group by metric""")
                .setParameter(1, metrics).setParameter(2, dimension.name()).setParameter(3, dimension.value())
                .setParameter(4, size.name()).setParameter(5, start).getResultList()) {
            Object[] r = (Object[]) row;
            sums.put((String) r[0], ((Number) r[1]).longValue());
        }
        return sums;
    }

    private record StoredInputs(Map<String, Long> counts, Map<String, Kpi.Distribution> distributions,
                                Map<String, Long> cumulative) implements Kpi.Inputs {
        @Override
        public long count(String counter) {
            return counts.getOrDefault(counter, 0L);
        }

        @Override
        public long cumulative(String counter) {
            return cumulative.getOrDefault(counter, 0L);
        }

        @Override
        public Kpi.Distribution distribution(String name) {
            return distributions.get(name);
        }
    }

    private static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    private static Histogram decode(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored histogram cannot be read", e);
        }
    }

    /** A timestamp column as the JDBC driver hands it over (its type depends on the query), as an instant. */
    public static Instant toInstant(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((OffsetDateTime) value).toInstant();
    }
}
