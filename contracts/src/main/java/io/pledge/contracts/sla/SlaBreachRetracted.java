package io.pledge.contracts.sla;

import java.time.Instant;

/**
 * {@code sla.breach-retracted}: a late event showed a clock announced as breached was met; an {@code sla.met} follows.
 *
 * @param reportedLate true when the retraction was caused by a late-reported fact (a backdated first
 *                     response or opening); absent or false otherwise
 */
public record SlaBreachRetracted(SlaClockFacts clock, long elapsedSeconds, Instant stoppedAt, String reason, Boolean reportedLate)
        implements SlaEvent {
}
