package io.pledge.contracts.sla;

import java.time.Instant;

/**
 * {@code sla.breached}: business time exceeded the target at {@code breachedAt} (once per clock
 * cycle). How long the clock ran in the end is told by {@link SlaClockStopped} when it stops.
 * NOTE TO THE KPI ENGINEER (#13 item 3): use sla.clock-stopped (SlaClockStopped) for the
 * business-time first response of met and breached clocks; SlaBreached gets no new fields.
 */
public record SlaBreached(SlaClockFacts clock, Instant dueAt, Instant breachedAt) implements SlaEvent {
}
