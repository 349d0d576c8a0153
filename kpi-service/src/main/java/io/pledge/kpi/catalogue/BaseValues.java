package io.pledge.kpi.catalogue;

import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import io.pledge.platform.time.JdbcInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.HdrHistogram.Histogram;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The base values {@link KpiStore} keeps, read as KPIs need them: the inputs of a series of
 * buckets or of many single buckets, the largest counters of a family, the dimension values known.
 * Reading and writing are apart so that what a KPI is (this package) depends on how base values are
 * stored, never the other way round.
 */
@ApplicationScoped
public class BaseValues {

    @Inject
    EntityManager em;

    @Inject
    KpiConfig config;

    /**
     * The base values {@code names} of one dimension value, per bucket whose start lies in
     * [from, to), oldest first; buckets with none of them are left out.
     */
    public TreeMap<Instant, Kpi.Inputs> inputs(Collection<String> names, Dimension dimension, BucketSize size,
                                               Instant from, Instant to) {
        TreeMap<Instant, Map<String, Long>> counts = new TreeMap<>();
        TreeMap<Instant, Map<String, Kpi.Distribution>> distributions = new TreeMap<>();
        Timestamp start = Timestamp.from(size.startOf(from, config.zone()));
        Timestamp end = Timestamp.from(to);
        String[] metrics = names.toArray(String[]::new);
        for (Object[] r : series("value", "kpi_value", metrics, dimension, size, start, end)) {
            counts.computeIfAbsent(JdbcInstants.of(r[0]), k -> new HashMap<>()).put((String) r[1], ((Number) r[2]).longValue());
        }
        for (Object[] r : series("histogram", "kpi_distribution", metrics, dimension, size, start, end)) {
            distributions.computeIfAbsent(JdbcInstants.of(r[0]), k -> new HashMap<>()).put((String) r[1],
                    distribution((byte[]) r[2]));
        }
        Map<String, Long> running = before(metrics, dimension, size, start);
        TreeMap<Instant, Kpi.Inputs> inputs = new TreeMap<>();
        counts.keySet().forEach(b -> inputs.put(b, null));
        distributions.keySet().forEach(b -> inputs.put(b, null));
        for (Map.Entry<Instant, Kpi.Inputs> entry : inputs.entrySet()) {
            Map<String, Long> bucketCounts = counts.getOrDefault(entry.getKey(), Map.of());
            bucketCounts.forEach((metric, value) -> running.merge(metric, value, Long::sum));
            entry.setValue(new StoredInputs(bucketCounts, distributions.getOrDefault(entry.getKey(), Map.of()),
                    Map.copyOf(running), null));
        }
        return inputs;
    }

    /** Rows (bucket start, metric, {@code column}) of {@code table} for one series of buckets in [start, end). */
    @SuppressWarnings("unchecked")
    private List<Object[]> series(String column, String table, String[] metrics, Dimension dimension, BucketSize size,
                                  Timestamp start, Timestamp end) {
        return em.createNativeQuery("""
                        select bucket_start, metric, %s from %s
                        where metric = any(?1) and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start >= ?5 and bucket_start < ?6""".formatted(column, table))
                .setParameter(1, metrics).setParameter(2, dimension.name()).setParameter(3, dimension.value())
                .setParameter(4, size.name()).setParameter(5, start).setParameter(6, end).getResultList();
    }

    /** One bucket of one dimension value. */
    public record Bucket(Dimension dimension, BucketSize size, Instant start) {
    }

    /**
     * The base values {@code names} of each of {@code buckets}, also of those where nothing happened
     * (then only running totals can be non-zero); three queries however many buckets. Running
     * totals ({@link Kpi.Inputs#cumulative}) are summed only for the counters in {@code runningTotals}.
     */
    public Map<Bucket, Kpi.Inputs> inputsAt(Collection<String> names, Set<String> runningTotals, List<Bucket> buckets) {
        List<Map<String, Long>> counts = new ArrayList<>();
        List<Map<String, Kpi.Distribution>> distributions = new ArrayList<>();
        List<Map<String, Long>> running = new ArrayList<>();
        buckets.forEach(b -> {
            counts.add(new HashMap<>());
            distributions.add(new HashMap<>());
            running.add(new HashMap<>());
        });
        Set<String> totals = new HashSet<>(runningTotals);
        totals.retainAll(names);
        em.unwrap(Session.class).doWork(connection -> {
            Array dimensions = connection.createArrayOf("text", buckets.stream().map(b -> b.dimension().name()).toArray());
            Array values = connection.createArrayOf("text", buckets.stream().map(b -> b.dimension().value()).toArray());
            Array sizes = connection.createArrayOf("text", buckets.stream().map(b -> b.size().name()).toArray());
            Array starts = connection.createArrayOf("text", buckets.stream().map(b -> b.start().toString()).toArray());
            String bucketsTable = "unnest(?, ?, ?, ?) with ordinality as k(d, v, s, b, i)";
            String sameSeries = "t.dimension = k.d and t.dimension_value = k.v and t.bucket_size = k.s";
            forEachRow(connection, "select k.i, t.metric, t.value from " + bucketsTable + " join kpi_value t on "
                            + sameSeries + " and t.bucket_start = cast(k.b as timestamptz) where t.metric = any(?)",
                    names, dimensions, values, sizes, starts,
                    r -> counts.get(r.getInt(1) - 1).put(r.getString(2), r.getLong(3)));
            forEachRow(connection, "select k.i, t.metric, t.histogram from " + bucketsTable + " join kpi_distribution t on "
                            + sameSeries + " and t.bucket_start = cast(k.b as timestamptz) where t.metric = any(?)",
                    names, dimensions, values, sizes, starts,
                    r -> distributions.get(r.getInt(1) - 1).put(r.getString(2), distribution(r.getBytes(3))));
            if (!totals.isEmpty()) {
                forEachRow(connection, "select k.i, t.metric, sum(t.value) from " + bucketsTable + " join kpi_value t on "
                                + sameSeries + " and t.bucket_start <= cast(k.b as timestamptz) where t.metric = any(?)"
                                + " group by k.i, t.metric",
                        totals, dimensions, values, sizes, starts,
                        r -> running.get(r.getInt(1) - 1).put(r.getString(2), r.getLong(3)));
            }
        });
        Map<Bucket, Kpi.Inputs> inputs = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            inputs.put(buckets.get(i), new StoredInputs(counts.get(i), distributions.get(i), running.get(i), totals));
        }
        return inputs;
    }

    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private static void forEachRow(Connection connection, String sql, Collection<String> metrics, Array dimensions,
                                   Array values, Array sizes, Array starts, RowHandler handler) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, dimensions);
            query.setArray(2, values);
            query.setArray(3, sizes);
            query.setArray(4, starts);
            query.setArray(5, connection.createArrayOf("text", metrics.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handler.handle(rows);
                }
            }
        }
    }

    /** A counter's total over a span, and the total of all counters of its family (its share's base). */
    public record Total(String metric, long value, long familyTotal) {
    }

    /**
     * The counters whose names start with {@code prefix} (no LIKE wildcards in it), each summed over
     * the buckets of one size starting in [from, to), largest first, at most {@code limit} of them.
     */
    @SuppressWarnings("unchecked")
    public List<Total> largest(String prefix, Dimension dimension, BucketSize size, Instant from, Instant to, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select metric, sum(value) as total, sum(sum(value)) over () as family from kpi_value
                        where metric like ?1 and dimension = ?2 and dimension_value = ?3 and bucket_size = ?4
                          and bucket_start >= ?5 and bucket_start < ?6
                        group by metric having sum(value) > 0
                        order by total desc, metric limit ?7""")
                .setParameter(1, prefix + "%").setParameter(2, dimension.name()).setParameter(3, dimension.value())
                .setParameter(4, size.name()).setParameter(5, Timestamp.from(from)).setParameter(6, Timestamp.from(to))
                .setParameter(7, limit).getResultList();
        return rows.stream().map(r -> new Total((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()))
                .toList();
    }

    /**
     * Every dimension value that has a KPI value, per dimension name (not {@code all}), sorted. Every
     * measure lands in a month bucket too, so the month rows name them all.
     */
    @SuppressWarnings("unchecked")
    public SortedMap<String, SortedSet<String>> dimensionValues() {
        SortedMap<String, SortedSet<String>> values = new TreeMap<>();
        List<Object[]> rows = em.createNativeQuery("""
                        select dimension, dimension_value from kpi_value where bucket_size = ?1 and dimension <> 'all'
                        union
                        select dimension, dimension_value from kpi_distribution where bucket_size = ?1 and dimension <> 'all'""")
                .setParameter(1, BucketSize.MONTH.name()).getResultList();
        rows.forEach(r -> values.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]));
        return values;
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

    /** @param summed the counters whose running totals were summed (null: all of them) */
    private record StoredInputs(Map<String, Long> counts, Map<String, Kpi.Distribution> distributions,
                                Map<String, Long> cumulative, Set<String> summed) implements Kpi.Inputs {
        @Override
        public long count(String counter) {
            return counts.getOrDefault(counter, 0L);
        }

        @Override
        public long cumulative(String counter) {
            if (summed != null && !summed.contains(counter)) {
                throw new IllegalStateException(counter + " is not among the running totals read (KpiCatalogue.RUNNING_TOTALS)");
            }
            return cumulative.getOrDefault(counter, 0L);
        }

        @Override
        public Kpi.Distribution distribution(String name) {
            return distributions.get(name);
        }
    }

    private static Kpi.Distribution distribution(byte[] stored) {
        Histogram h = KpiStore.histogram(stored);
        return new Kpi.Distribution(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90));
    }
}
