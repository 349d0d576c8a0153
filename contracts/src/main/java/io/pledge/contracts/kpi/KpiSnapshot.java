package io.pledge.contracts.kpi;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;

/**
 * {@code kpi.snapshot} on {@code pledge.kpi.snapshots} (log-compacted): the current value of one
 * KPI for one dimension value and one time bucket. Keyed {@code <metric>/<dimension>=<value>/<bucket>},
 * e.g. {@code sla.attainment/channel=PHONE/day:2026-11-24T00:00:00Z}, so compaction keeps the latest.
 *
 * @param dimension {@code all=all}, or e.g. {@code team=billing}
 * @param bucket HOUR, DAY, WEEK or MONTH (in the business time zone)
 * @param value null while the KPI has nothing to be computed from (e.g. a rate with no cases)
 * @param samples how many cases the value rests on (the denominator of a rate, the count of a mean)
 * @param target the target the value is judged against, if any
 * @param status ON_TARGET, AT_RISK, OFF_TARGET, or NO_TARGET
 */
public record KpiSnapshot(String metric, String dimension, String bucket, Instant bucketStart, Double value,
                          long samples, String unit, Double target, String status, Instant asOf)
        implements PledgeEvent {

    @Override
    public String subject() {
        return metric + "/" + dimension + "/" + bucket.toLowerCase(java.util.Locale.ROOT) + ":" + bucketStart;
    }
}
