package io.pledge.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket's clocks as the API shows them; elapsed and remaining are business time as of now. */
public record SlaClockView(UUID id, String metric, SlaClockState state, String policyId, Duration target,
                           String calendarId, Instant startedAt, Instant dueAt, long elapsedSeconds,
                           long remainingSeconds, long pausedSeconds) {

    /** On the round-the-clock calendar, business time is wall-clock time. */
    static SlaClockView of(SlaClock clock, Instant now) {
        long elapsed = Math.max(0, Duration.between(clock.startedAt, now).toSeconds());
        return new SlaClockView(clock.id, clock.metric, clock.state, clock.policyId, clock.target(),
                clock.calendarId, clock.startedAt, clock.dueAt, elapsed,
                Math.max(0, clock.targetSeconds - elapsed), 0);
    }

    public record TicketClocks(UUID ticketId, List<SlaClockView> clocks) {
    }
}
