package io.pledge.contracts.sla;

import java.time.Instant;

/** {@code sla.clock-cancelled}: the clock no longer applies (the ticket was closed, or its policy stopped timing the metric). */
public record SlaClockCancelled(SlaClockFacts clock, Instant cancelledAt, String reason) implements SlaEvent {
}
