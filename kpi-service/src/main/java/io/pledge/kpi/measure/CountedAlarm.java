package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An SLA warning or breach as counted, so that its retraction takes it back from the bucket and
 * the dimensions it was counted in, and the same alarm announced twice counts once.
 *
 * @param raisedAt when the alarm was raised (a warning's {@code warnedAt}, a breach's {@code breachedAt}):
 *                 a new clock cycle raises a new one
 * @param countedAt the instant whose buckets it was counted in
 */
public record CountedAlarm(Instant raisedAt, Instant countedAt, List<Dimension> countedIn) {

    /** Which alarm of a clock: its breach, or its warning at a threshold. */
    public record Key(UUID clockId, String alarm) {

        public static Key breach(UUID clockId) {
            return new Key(clockId, "breach");
        }

        public static Key warning(UUID clockId, int thresholdPercent) {
            return new Key(clockId, "warning-" + thresholdPercent);
        }
    }
}
