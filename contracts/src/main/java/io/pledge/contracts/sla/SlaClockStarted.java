package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.clock-started}: a promise about a ticket is now being timed; {@code dueAt} is when it falls due. */
public record SlaClockStarted(SlaClockFacts clock, Instant startedAt, Instant dueAt) implements SlaEvent {
}
