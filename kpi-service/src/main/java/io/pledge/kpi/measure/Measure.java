package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;

/**
 * One thing an event contributes to the KPIs: add {@code amount} to a counter, or record
 * {@code amount} in a distribution (or take a value recorded before back out of it), for each of
 * {@code dimensions}, in the buckets holding {@code at}.
 *
 * @param at the instant whose buckets it counts in: event time, or the time the metric says (e.g. a
 *           survey's satisfaction counts when the ticket was resolved)
 */
public record Measure(Kind kind, String name, List<Dimension> dimensions, Instant at, long amount) {

    public enum Kind {
        /** add amount (1, or -1 for a retraction) to a counter */
        COUNT,
        /** record amount (seconds, or a score × 100) in a distribution */
        OBSERVE,
        /** take amount, recorded before by an OBSERVE of the same name, dimensions and bucket, back out */
        UNOBSERVE
    }

    public static Measure count(String name, List<Dimension> dimensions, Instant at) {
        return new Measure(Kind.COUNT, name, dimensions, at, 1);
    }

    public static Measure uncount(String name, List<Dimension> dimensions, Instant at) {
        return new Measure(Kind.COUNT, name, dimensions, at, -1);
    }

    public static Measure observe(String name, List<Dimension> dimensions, Instant at, long value) {
        return new Measure(Kind.OBSERVE, name, dimensions, at, value);
    }

    public static Measure unobserve(String name, List<Dimension> dimensions, Instant at, long value) {
        return new Measure(Kind.UNOBSERVE, name, dimensions, at, value);
    }
}
