package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.warning}: a running clock used up {@code thresholdPercent} of its target (once per threshold). */
public record SlaWarning(SlaClockFacts clock, int thresholdPercent, Instant dueAt, Instant warnedAt) implements SlaEvent {
}
