package io.pledge.sla.clock;

import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaEvent;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.sla.clock.ClockTimeline.Phase;
import io.pledge.sla.clock.ClockTimeline.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a clock announces, decided from its marks and the instant alone: a new cycle, each warning
 * and the breach once per cycle, the outcome (met, breached, cancelled), and the retraction of
 * whatever a late event disproves. A plain function of the clock's announced state (the
 * {@link SlaClock} fields that say what was told: cycle, warnings, breach, outcome, the last
 * reading and the next alarm), its {@link ClockTimeline} and {@code now}; it updates that state
 * and returns the events to publish, in order, for the caller to record (no database, no outbox).
 *
 * <p>Warnings and breaches are left to the alarm scan ({@code scan}), which only sees a clock
 * once the poll that changed it is committed: so every event already received for the ticket is
 * applied before an alarm is announced from them, and a backdated opening followed by its reply
 * never produces a breach. An alarm instant that was already past when an event revealed it (the
 * event was backdated or reported late) is held back for {@code settle}, so that a correction
 * reported right after it reaches the clock first; an alarm that was already scheduled keeps its time.
 */
final class ClockAnnouncer {

    /** An event to publish and its event time ({@code ce_time}). */
    record Announcement(SlaEvent event, Instant at) {
    }

    private final Duration settle;

    ClockAnnouncer(Duration settle) {
        this.settle = settle;
    }

    /**
     * Reads {@code c} as of {@code now}, brings its announced state up to date and returns what
     * that changes for the world.
     *
     * @param scan         whether this is the alarm scan (announces due alarms at once) or an event
     * @param reportedLate whether the event being applied was reported late by an integration
     *                     (a breach it retracts says so); false for the scan
     */
    List<Announcement> announce(SlaClock c, ClockTimeline timeline, Instant now, boolean scan, boolean reportedLate) {
        return new Run(c, timeline, now, scan, reportedLate).announce();
    }

    /** How many of the clock's thresholds its current cycle has reached by {@code now}. */
    static int thresholdsReached(SlaClock c, ClockTimeline timeline, Instant now) {
        int reached = 0;
        for (int percent : c.thresholds()) {
            Instant at = timeline.reaches(thresholdSeconds(c, percent));
            if (at == null || at.isAfter(now)) {
                break;
            }
            reached++;
        }
        return reached;
    }

    /** Business seconds at which a warning of {@code percent} falls due (rounded up: never early). */
    private static long thresholdSeconds(SlaClock c, int percent) {
        return (c.targetSeconds * percent + 99) / 100;
    }

    /** One reading of one clock: what it announces, collected in order. */
    private final class Run {
        private final SlaClock c;
        private final ClockTimeline timeline;
        private final Instant now;
        private final boolean scan;
        private final boolean reportedLate;
        private final Instant previousAlarm;
        private final List<Announcement> out = new ArrayList<>();
        /** The earliest alarm still to come (a warning or the breach); null when nothing is pending. */
        private Instant nextAlarm;

        Run(SlaClock c, ClockTimeline timeline, Instant now, boolean scan, boolean reportedLate) {
            this.c = c;
            this.timeline = timeline;
            this.now = now;
            this.scan = scan;
            this.reportedLate = reportedLate;
            this.previousAlarm = c.nextAlertAt;
        }

        List<Announcement> announce() {
            Reading reading = timeline.read(now);
            if (reading.phase() == Phase.NOT_STARTED) {
                return out;
            }
            if (!Objects.equals(reading.cycleStartedAt(), c.cycleStartedAt)) {
                c.cycleStartedAt = reading.cycleStartedAt();
                c.warningsAnnounced = 0;
                c.breachAnnounced = false;
                c.outcomeAnnounced = null;
                c.stoppedAt = null;
                // a late event may start a cycle that later marks already stopped or paused: its due is still known
                tell(new SlaClockStarted(c.facts(), c.cycleStartedAt, timeline.dueAt(c.targetSeconds)), c.cycleStartedAt);
            }
            Instant due = timeline.dueAt(c.targetSeconds);
            Instant previousStop = c.stoppedAt;
            long previousElapsed = c.elapsedSeconds;
            c.elapsedSeconds = reading.elapsedSeconds();
            c.pausedSeconds = reading.pausedSeconds();
            c.stoppedAt = reading.stoppedAt();
            switch (reading.phase()) {
                case RUNNING -> {
                    c.dueAt = due;
                    retractWarningsNotReached(reading);
                    announceAlarms(due);
                    c.state = c.breachAnnounced ? SlaClockState.BREACHED : SlaClockState.RUNNING;
                }
                case PAUSED -> {
                    c.dueAt = null; // unknown until the clock resumes
                    retractWarningsNotReached(reading);
                    announceBreachBefore();
                    c.state = c.breachAnnounced ? SlaClockState.BREACHED : SlaClockState.PAUSED;
                }
                case STOPPED -> {
                    c.dueAt = due;
                    retractWarningsNotReached(reading);
                    announceOutcome(due, reading);
                    if (!Objects.equals(previousStop, reading.stoppedAt()) || previousElapsed != reading.elapsedSeconds()) {
                        tell(new SlaClockStopped(c.facts(), c.cycleStartedAt, reading.elapsedSeconds(),
                                reading.elapsedSeconds() <= c.targetSeconds, reading.stoppedAt()), reading.stoppedAt());
                    }
                }
                case CANCELLED -> {
                    c.dueAt = null;
                    announceBreachBefore();
                    c.state = SlaClockState.CANCELLED;
                    if (!"CANCELLED".equals(c.outcomeAnnounced)) {
                        c.outcomeAnnounced = "CANCELLED";
                        tell(new SlaClockCancelled(c.facts(), reading.stoppedAt(), "the ticket was closed or no longer times "
                                + c.metric), reading.stoppedAt());
                    }
                }
                default -> {
                }
            }
            c.nextAlertAt = nextAlarm;
            return out;
        }

        private void tell(SlaEvent event, Instant at) {
            out.add(new Announcement(event, at));
        }

        /**
         * Whether an alarm of instant {@code at} is to be announced now; if not, schedules it. The
         * scan announces what is due at once; after an event, an alarm instant in the past waits
         * for the settle time unless it was scheduled already.
         */
        private boolean announceNow(Instant at) {
            if (at.isAfter(now)) {
                schedule(at);
                return false;
            }
            if (scan) {
                return true;
            }
            Instant settled = now.plus(settle);
            schedule(previousAlarm != null && previousAlarm.isBefore(settled) ? previousAlarm : settled);
            return false;
        }

        private void schedule(Instant at) {
            nextAlarm = nextAlarm == null || at.isBefore(nextAlarm) ? at : nextAlarm;
        }

        private void announceAlarms(Instant due) {
            List<Integer> thresholds = c.thresholds();
            while (c.warningsAnnounced < thresholds.size()) {
                int percent = thresholds.get(c.warningsAnnounced);
                Instant at = timeline.reaches(thresholdSeconds(c, percent));
                if (at == null || !announceNow(at)) {
                    break;
                }
                tell(new SlaWarning(c.facts(), percent, due, at), at);
                c.warningsAnnounced++;
            }
            if (!c.breachAnnounced && due != null) {
                Instant breachedAt = due.plusSeconds(1);
                if (nextAlarm == null && announceNow(breachedAt)) {
                    tell(new SlaBreached(c.facts(), due, breachedAt), breachedAt);
                    c.breachAnnounced = true;
                }
            }
        }

        /**
         * A paused or cancelled clock that had used up its target before it paused or was cancelled
         * was breached: announced like any breach (after the settle time when learned late), even if
         * the pause or cancellation came in the same poll as the opening.
         */
        private void announceBreachBefore() {
            Instant due = timeline.reaches(c.targetSeconds);
            if (!c.breachAnnounced && due != null && announceNow(due.plusSeconds(1))) {
                tell(new SlaBreached(c.facts(), due, due.plusSeconds(1)), due.plusSeconds(1));
                c.breachAnnounced = true;
            }
        }

        /**
         * A late event (a pause, an earlier stop) can show that a threshold announced as reached was
         * not: each such warning is retracted, latest first, and may be announced again when it is reached.
         */
        private void retractWarningsNotReached(Reading reading) {
            List<Integer> thresholds = c.thresholds();
            // a reclassification may have given the clock fewer thresholds than it announced
            c.warningsAnnounced = Math.min(c.warningsAnnounced, thresholds.size());
            while (c.warningsAnnounced > 0) {
                int percent = thresholds.get(c.warningsAnnounced - 1);
                long seconds = thresholdSeconds(c, percent);
                Instant at = timeline.dueAt(seconds);
                boolean reached = reading.phase() == Phase.RUNNING ? at != null && !at.isAfter(now)
                        : reading.elapsedSeconds() >= seconds;
                if (reached) {
                    return;
                }
                Instant retractedAt = reading.stoppedAt() != null ? reading.stoppedAt() : now;
                tell(new SlaWarningRetracted(c.facts(), percent, at, reading.elapsedSeconds(), retractedAt,
                        "a late event shows the clock had not used " + percent + " % of its target"), retractedAt);
                c.warningsAnnounced--;
            }
        }

        private void announceOutcome(Instant due, Reading reading) {
            boolean kept = reading.elapsedSeconds() <= c.targetSeconds;
            if (kept) {
                if (c.breachAnnounced) {
                    // a retraction caused by a fact an integration reported late says so (blueprint §6)
                    tell(new SlaBreachRetracted(c.facts(), reading.elapsedSeconds(), reading.stoppedAt(),
                            reportedLate ? "a late-reported fact shows the promise was kept"
                                    : "a late event shows the promise was kept",
                            reportedLate ? Boolean.TRUE : null), reading.stoppedAt());
                    c.breachAnnounced = false;
                }
                if (!"MET".equals(c.outcomeAnnounced)) {
                    tell(new SlaMet(c.facts(), reading.elapsedSeconds(), reading.stoppedAt()), reading.stoppedAt());
                }
                c.outcomeAnnounced = "MET";
                c.state = SlaClockState.MET;
            } else {
                Instant breachedAt = due.plusSeconds(1);
                if (!c.breachAnnounced && announceNow(breachedAt)) {
                    tell(new SlaBreached(c.facts(), due, breachedAt), breachedAt);
                    c.breachAnnounced = true;
                }
                c.outcomeAnnounced = "BREACHED";
                c.state = SlaClockState.BREACHED;
            }
        }
    }
}
