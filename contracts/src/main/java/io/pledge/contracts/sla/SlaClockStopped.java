package io.pledge.contracts.sla;

import java.time.Instant;

/**
 * {@code sla.clock-stopped}: a clock's cycle stopped (the promise was kept or came too late) after
 * {@code elapsedSeconds} of business time. Published for met and breached clocks alike, beside
 * {@code sla.met} or the earlier {@code sla.breached}, so a consumer can measure how long every
 * promise took. When a late event moves the stop, it is published again with the new figures;
 * the latest one per clock and cycle counts.
 *
 * @param cycleStartedAt the start of the cycle that stopped (clocks such as NEXT_RESPONSE run in cycles)
 * @param withinTarget whether {@code elapsedSeconds} is within the target
 */
public record SlaClockStopped(SlaClockFacts clock, Instant cycleStartedAt, long elapsedSeconds, boolean withinTarget,
                              Instant stoppedAt) implements SlaEvent {
}
