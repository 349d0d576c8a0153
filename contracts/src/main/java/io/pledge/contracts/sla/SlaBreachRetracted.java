package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.breach-retracted}: a late event showed a clock announced as breached was met; an {@code sla.met} follows. */
public record SlaBreachRetracted(SlaClockFacts clock, long elapsedSeconds, Instant stoppedAt, String reason)
        implements SlaEvent {
}
