package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.breached}: business time exceeded the target at {@code breachedAt} (once per clock cycle). */
public record SlaBreached(SlaClockFacts clock, Instant dueAt, Instant breachedAt) implements SlaEvent {
}
