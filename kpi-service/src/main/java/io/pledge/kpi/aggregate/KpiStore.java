package io.pledge.kpi.aggregate;

import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import io.pledge.kpi.measure.Measure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.HdrHistogram.Histogram;

import org.hibernate.Session;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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
import java.util.zip.DataFormatException;

/**
 * The base values KPIs are computed from, per metric, dimension value and bucket (hour, day, week,
 * month in the business time zone): counters in {@code kpi_value}, distributions as HdrHistograms
 * in {@code kpi_distribution}. Every change marks its bucket for the snapshot publisher. This is
 * their writing side; KPIs read them through {@code catalogue.BaseValues}.
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

    /** A row of kpi_value, kpi_distribution or kpi_dirty. */
    private record Key(String metric, String dimension, String value, String size, Instant start)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::metric).thenComparing(Key::dimension)
                .thenComparing(Key::value).thenComparing(Key::size).thenComparing(Key::start);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * Applies the measures of a batch of events, in the caller's transaction: first summed per base
     * value in memory (a backlog's events share many of their buckets), then each table written in
     * one statement over arrays of rows. Rows go in one order, so that replicas applying batches at
     * the same time never wait on each other in a circle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<Measure> measures) {
        // summed in hash maps, sorted once at the end (a batch has many measures, fewer distinct rows)
        Map<Key, Long> counted = new HashMap<>();
        // raw values, not histograms: an HdrHistogram holds ~100 KB of counts until it is compressed
        Map<Key, Observations> observed = new HashMap<>();
        ZoneId zone = config.zone();
        for (Measure measure : measures) {
            for (BucketSize size : BucketSize.values()) {
                Instant start = size.startOf(measure.at(), zone);
                for (Dimension dimension : measure.dimensions()) {
                    Key key = new Key(measure.name(), dimension.name(), dimension.value(), size.name(), start);
                    switch (measure.kind()) {
                        case COUNT -> counted.merge(key, measure.amount(), Long::sum);
                        case OBSERVE -> observed.computeIfAbsent(key, k -> new Observations()).added.add(measure.amount());
                        case UNOBSERVE -> observed.computeIfAbsent(key, k -> new Observations()).removed.add(measure.amount());
                    }
                }
            }
        }
        SortedMap<Key, Long> counts = new TreeMap<>(counted);
        SortedMap<Key, Observations> observations = new TreeMap<>(observed);
        SortedSet<Key> dirty = new TreeSet<>(counted.keySet());
        dirty.addAll(observed.keySet());
        if (dirty.isEmpty()) {
            return; // events that measure nothing
        }
        Timestamp now = Timestamp.from(clock.instant());
        em.unwrap(Session.class).doWork(connection -> {
            if (!counts.isEmpty()) {
                Rows rows = new Rows(connection, counts.keySet());
                try (PreparedStatement add = connection.prepareStatement("""
                        insert into kpi_value (metric, dimension, dimension_value, bucket_size, bucket_start, value, updated_at)
                        select k.m, k.d, k.v, k.s, cast(k.b as timestamptz), k.n, ?
                        from unnest(?, ?, ?, ?, ?, cast(? as bigint[])) as k(m, d, v, s, b, n)
                        on conflict (metric, dimension, dimension_value, bucket_size, bucket_start)
                        do update set value = kpi_value.value + excluded.value, updated_at = excluded.updated_at""")) {
                    add.setTimestamp(1, now);
                    rows.bind(add, 2);
                    add.setArray(7, connection.createArrayOf("bigint", counts.values().toArray(Long[]::new)));
                    add.executeUpdate();
                }
            }
            if (!observations.isEmpty()) {
                record(connection, observations, now);
            }
            // A mark already there is updated, not left alone: the update locks it until this commits. The
            // publisher claims marks FOR UPDATE SKIP LOCKED, so it cannot claim this one, read the values before
            // this transaction's change and delete the only mark of that change; it publishes after the commit.
            // A mark the publisher claimed already loses its claim here, so the publisher leaves it for its next
            // round (SnapshotPublisher). The first mark time stays: history goes out oldest change first.
            try (PreparedStatement mark = connection.prepareStatement("""
                    insert into kpi_dirty (metric, dimension, dimension_value, bucket_size, bucket_start, marked_at)
                    select k.m, k.d, k.v, k.s, cast(k.b as timestamptz), ?
                    from unnest(?, ?, ?, ?, ?) as k(m, d, v, s, b)
                    on conflict (metric, dimension, dimension_value, bucket_size, bucket_start)
                    do update set claim = null, claimed_at = null""")) {
                mark.setTimestamp(1, now);
                new Rows(connection, dirty).bind(mark, 2);
                mark.executeUpdate();
            }
        });
    }

    /** The key columns of many rows as five arrays, for {@code unnest}; instants as ISO text. */
    private record Rows(Array metrics, Array dimensions, Array values, Array sizes, Array starts) {

        Rows(Connection connection, Collection<Key> keys) throws SQLException {
            this(connection.createArrayOf("text", keys.stream().map(Key::metric).toArray()),
                    connection.createArrayOf("text", keys.stream().map(Key::dimension).toArray()),
                    connection.createArrayOf("text", keys.stream().map(Key::value).toArray()),
                    connection.createArrayOf("text", keys.stream().map(Key::size).toArray()),
                    connection.createArrayOf("text", keys.stream().map(k -> k.start().toString()).toArray()));
        }

        /** Binds the five arrays to the parameters from {@code first} on. */
        void bind(PreparedStatement statement, int first) throws SQLException {
            statement.setArray(first, metrics);
            statement.setArray(first + 1, dimensions);
            statement.setArray(first + 2, values);
            statement.setArray(first + 3, sizes);
            statement.setArray(first + 4, starts);
        }
    }

    /** What a batch records in one distribution, and takes back out of it. */
    private static final class Observations {
        final List<Long> added = new ArrayList<>();
        final List<Long> removed = new ArrayList<>();
    }

    /**
     * Adds observations to their distributions and takes back those corrected: the rows are created
     * (empty) where missing, locked in key order, the values recorded in each and taken out one by
     * one (only one uncompressed at a time) and all written back, three statements in all.
     */
    private void record(Connection connection, SortedMap<Key, Observations> observations, Timestamp now) throws SQLException {
        Rows rows = new Rows(connection, observations.keySet());
        try (PreparedStatement create = connection.prepareStatement("""
                insert into kpi_distribution (metric, dimension, dimension_value, bucket_size, bucket_start, histogram, updated_at)
                select k.m, k.d, k.v, k.s, cast(k.b as timestamptz), ?, ?
                from unnest(?, ?, ?, ?, ?) as k(m, d, v, s, b)
                on conflict do nothing""")) {
            create.setBytes(1, encode(new Histogram(SIGNIFICANT_DIGITS)));
            create.setTimestamp(2, now);
            rows.bind(create, 3);
            create.executeUpdate();
        }
        List<Observations> changes = new ArrayList<>(observations.values());
        byte[][] merged = new byte[changes.size()][];
        try (PreparedStatement lock = connection.prepareStatement("""
                select k.i, d.histogram
                from unnest(?, ?, ?, ?, ?) with ordinality as k(m, d, v, s, b, i)
                join kpi_distribution d on d.metric = k.m and d.dimension = k.d and d.dimension_value = k.v
                     and d.bucket_size = k.s and d.bucket_start = cast(k.b as timestamptz)
                order by k.i
                for update of d""")) {
            rows.bind(lock, 1);
            try (ResultSet stored = lock.executeQuery()) {
                while (stored.next()) {
                    int row = stored.getInt(1) - 1;
                    Histogram histogram = histogram(stored.getBytes(2));
                    changes.get(row).added.forEach(v -> histogram.recordValue(Math.max(0, v)));
                    changes.get(row).removed.forEach(v -> takeBack(histogram, Math.max(0, v)));
                    merged[row] = encode(histogram);
                }
            }
        }
        try (PreparedStatement write = connection.prepareStatement("""
                update kpi_distribution d set histogram = u.h, updated_at = ?
                from unnest(?, ?, ?, ?, ?, cast(? as bytea[])) as u(m, d, v, s, b, h)
                where d.metric = u.m and d.dimension = u.d and d.dimension_value = u.v
                  and d.bucket_size = u.s and d.bucket_start = cast(u.b as timestamptz)""")) {
            write.setTimestamp(1, now);
            rows.bind(write, 2);
            write.setArray(7, connection.createArrayOf("bytea", merged));
            write.executeUpdate();
        }
    }

    /**
     * Takes one recording of {@code value} back out. One that is not there (recorded before the
     * distribution was rebuilt, say) is left alone rather than driving a count below zero.
     */
    private static void takeBack(Histogram histogram, long value) {
        if (histogram.getTotalCount() > 0 && value <= histogram.getMaxValue() && histogram.getCountAtValue(value) > 0) {
            Histogram one = new Histogram(SIGNIFICANT_DIGITS);
            one.recordValue(value);
            histogram.subtract(one);
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

    /** A distribution as stored in {@code kpi_distribution.histogram}. */
    public static Histogram histogram(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored histogram cannot be read", e);
        }
    }
}
