package io.pledge.contracts.sla;

import java.time.Instant;

/**
 * {@code sla.breached}: business time exceeded the target at {@code breachedAt} (once per clock
 * cycle). How long the clock ran in the end is told by {@link SlaClockStopped} when it stops.
 */
public record SlaBreached(SlaClockFacts clock, Instant dueAt, Instant breachedAt) implements SlaEvent {
}
