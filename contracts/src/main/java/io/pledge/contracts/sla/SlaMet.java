package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.met}: the clock stopped within its target after {@code elapsedSeconds} of business time. */
public record SlaMet(SlaClockFacts clock, long elapsedSeconds, Instant stoppedAt) implements SlaEvent {
}
