package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;

/**
 * A first-response clock's stop as recorded in the business-time distribution, so that each clock
 * counts once: when sla-service announces the stop again (a late event moved it), the value
 * recorded before is taken back out and the new one recorded.
 *
 * @param countedAt the instant whose buckets it was recorded in
 */
public record CountedStop(long elapsedSeconds, Instant countedAt, List<Dimension> countedIn) {
}
