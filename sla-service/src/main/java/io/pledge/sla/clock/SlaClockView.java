package io.pledge.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clock as the API shows it: business time elapsed and remaining as of now, time spent paused.
 *
 * @param dueAt the last instant at which the promise is (or was) kept: while running, and once stopped (met or
 *              breached); null while paused (it depends on when the clock resumes) and once cancelled
 */
public record SlaClockView(UUID id, UUID ticketId, String metric, SlaClockState state, String policyId,
                           Duration target, String calendarId, Instant startedAt, Instant dueAt, long elapsedSeconds,
                           long remainingSeconds, long pausedSeconds, Instant stoppedAt, String team, String agent) {

    static SlaClockView of(SlaClock c, ClockTimeline.Reading now) {
        return new SlaClockView(c.id, c.ticketId, c.metric, c.state, c.policyId, c.target(), c.calendarId,
                now.cycleStartedAt() != null ? now.cycleStartedAt() : c.startedAt, c.dueAt, now.elapsedSeconds(),
                Math.max(0, c.targetSeconds - now.elapsedSeconds()), now.pausedSeconds(), now.stoppedAt(), c.team, c.agent);
    }

    public record TicketClocks(UUID ticketId, List<SlaClockView> clocks) {
    }
}
