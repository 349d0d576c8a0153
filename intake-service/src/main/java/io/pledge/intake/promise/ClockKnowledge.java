package io.pledge.intake.promise;

import java.time.Instant;
import java.util.Optional;

/**
 * What intake-service knows about one SLA clock from the events on pledge.sla. Events may come in
 * any order (a {@code sla.met} before its {@code sla.clock-started} on replay), so every fact is
 * merged so that the order makes no difference: the latest cycle start wins with its due instant,
 * the latest stop wins, a cancellation stays. The clock promises its due instant while its latest
 * cycle has not stopped and it was not cancelled.
 *
 * @param cycleStartedAt the start of the latest cycle known (clocks such as NEXT_RESPONSE run in cycles), or null
 * @param dueAt          when that cycle falls due
 * @param stoppedAt      the latest stop known (met or too late), or null
 * @param cancelledAt    when the clock stopped applying, or null
 */
public record ClockKnowledge(String metric, Instant cycleStartedAt, Instant dueAt, Instant stoppedAt,
                             Instant cancelledAt) {

    /** Nothing known yet but the clock's metric (every SLA event names it). */
    public static ClockKnowledge of(String metric) {
        return new ClockKnowledge(metric, null, null, null, null);
    }

    /** {@code sla.clock-started}: a cycle started at {@code startedAt}, due at {@code due}. */
    public ClockKnowledge started(Instant startedAt, Instant due) {
        boolean later = cycleStartedAt == null || startedAt.isAfter(cycleStartedAt)
                // the same cycle told twice with different due instants: the later one, whatever the order
                || (startedAt.equals(cycleStartedAt) && due.isAfter(dueAt));
        return later ? new ClockKnowledge(metric, startedAt, due, stoppedAt, cancelledAt) : this;
    }

    /** {@code sla.met} or {@code sla.clock-stopped}: a cycle stopped at {@code at}. */
    public ClockKnowledge stopped(Instant at) {
        return stoppedAt == null || at.isAfter(stoppedAt)
                ? new ClockKnowledge(metric, cycleStartedAt, dueAt, at, cancelledAt) : this;
    }

    /** {@code sla.clock-cancelled}: the clock no longer applies. */
    public ClockKnowledge cancelled(Instant at) {
        return cancelledAt == null || at.isBefore(cancelledAt)
                ? new ClockKnowledge(metric, cycleStartedAt, dueAt, stoppedAt, at) : this;
    }

    /** Whether the clock is still timing a promise: its latest cycle started and has not stopped since. */
    public boolean running() {
        return cycleStartedAt != null && cancelledAt == null
                && (stoppedAt == null || stoppedAt.isBefore(cycleStartedAt));
    }

    /** The instant the running clock promises, if it runs. */
    public Optional<Instant> promisedBy() {
        return running() ? Optional.of(dueAt) : Optional.empty();
    }
}
