package io.pledge.kpi.catalogue;

import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KPI values computed from the stored base values, judged against their targets. */
@ApplicationScoped
public class KpiValues {

    @Inject
    BaseValues baseValues;

    @Inject
    KpiTargets targets;

    /** One KPI's value in one bucket. */
    public record Point(Instant bucketStart, Double value, long samples, Double target, Kpi.Status status) {
    }

    /** The KPI per bucket whose start lies in [from, to), oldest first; buckets without data are left out. */
    public List<Point> series(Kpi kpi, Dimension dimension, BucketSize size, Instant from, Instant to) {
        KpiTargets.Target target = targets.of(kpi);
        return baseValues.inputs(kpi.inputs(), dimension, size, from, to).entrySet().stream()
                .map(e -> point(kpi, target, e.getKey(), e.getValue()))
                .toList();
    }

    /** Every KPI of the catalogue in one bucket (the monthly scorecard). */
    public Map<Kpi, Point> all(Dimension dimension, BucketSize size, Instant bucketStart) {
        return all(List.of(dimension), size, bucketStart).get(dimension);
    }

    /** Every KPI of the catalogue in one bucket of each of {@code dimensions}, in their order (many scorecards). */
    public Map<Dimension, Map<Kpi, Point>> all(List<Dimension> dimensions, BucketSize size, Instant bucketStart) {
        if (dimensions.isEmpty()) {
            return Map.of();
        }
        Map<String, KpiTargets.Target> byName = new HashMap<>();
        targets.all().forEach(t -> byName.put(t.kpi(), t));
        List<BaseValues.Bucket> buckets = dimensions.stream().map(d -> new BaseValues.Bucket(d, size, bucketStart)).toList();
        Map<BaseValues.Bucket, Kpi.Inputs> inputs = baseValues.inputsAt(KpiCatalogue.inputs(), KpiCatalogue.RUNNING_TOTALS, buckets);
        Map<Dimension, Map<Kpi, Point>> all = new LinkedHashMap<>();
        for (BaseValues.Bucket bucket : buckets) {
            Map<Kpi, Point> points = new LinkedHashMap<>();
            KpiCatalogue.all().forEach(k -> points.put(k, point(k, byName.get(k.name()), bucketStart, inputs.get(bucket))));
            all.put(bucket.dimension(), points);
        }
        return all;
    }

    public Point point(Kpi kpi, KpiTargets.Target target, Instant bucketStart, Kpi.Inputs inputs) {
        Kpi.Value value = kpi.compute().apply(inputs);
        // a count that went below zero (a correction for a case counted before this history) rests on no cases
        return new Point(bucketStart, value.value(), Math.max(0, value.samples()), target.target(),
                Kpi.status(value.value(), target.target(), kpi.better(), target.atRiskWithin()));
    }
}
