package io.pledge.sla.clock;

import io.pledge.sla.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock as a pure function of what happened to it. The clock keeps the marks (start, pause,
 * resume, stop, cancel) with their event times, and every question — how much business time has
 * elapsed, when is it due, was the promise kept — is answered by replaying them in event-time
 * order on the clock's calendar. A mark that arrives late simply takes its place in the order,
 * which is how a late event corrects an earlier answer.
 *
 * <p>Cycles: a START while the clock is stopped or cancelled begins a new cycle (the next customer
 * message awaiting a reply; a complaint escalated again after its escalation was withdrawn); a
 * START while it runs or pauses changes nothing (the earliest unanswered message counts). A RESUME after a STOP continues the same cycle, keeping the elapsed time (a
 * reopened ticket).
 */
public final class ClockTimeline {

    public enum Step { START, PAUSE, RESUME, STOP, CANCEL }

    /** One thing that happened to the clock, at its event time; {@code seq} orders marks of the same instant. */
    public record Mark(Instant at, Step step, long seq) {
    }

    public enum Phase { NOT_STARTED, RUNNING, PAUSED, STOPPED, CANCELLED }

    /**
     * What the marks add up to.
     *
     * @param cycleStartedAt when the current cycle started
     * @param elapsedSeconds business seconds elapsed in the cycle, up to its stop, or up to {@code now}
     * @param pausedSeconds  wall-clock seconds spent paused in the cycle
     * @param stoppedAt      when a stopped or cancelled cycle ended
     */
    public record Reading(Phase phase, Instant cycleStartedAt, long elapsedSeconds, long pausedSeconds,
                          Instant stoppedAt) {
    }

    private final List<Mark> marks;
    private final BusinessCalendar calendar;

    public ClockTimeline(List<Mark> marks, BusinessCalendar calendar) {
        this.marks = new ArrayList<>(marks);
        this.marks.sort(Comparator.comparing(Mark::at).thenComparingLong(Mark::seq));
        this.calendar = calendar;
    }

    /** The clock as of {@code now} (wall clock: only running time after the last mark depends on it). */
    public Reading read(Instant now) {
        return replay(Long.MAX_VALUE, now).reading;
    }

    /**
     * The last instant at which the current cycle's elapsed business time has not yet exceeded
     * {@code seconds} (one second later it has), or null when the cycle is paused, stopped or
     * cancelled before exceeding them (one that exceeded them before it paused, stopped or was
     * cancelled has the instant it did).
     */
    public Instant reaches(long seconds) {
        return replay(seconds, null).reachedAt;
    }

    /**
     * The due instant of the current cycle for a target of {@code seconds}: when it exceeds them
     * (see {@link #reaches}); for a cycle that stopped within them, when it would have had it run
     * on from its stop — what the customer was promised; for a paused one, when it would if it
     * resumed at its last mark. Null once cancelled.
     */
    public Instant dueAt(long seconds) {
        Replay replay = replay(seconds, null);
        Phase phase = replay.reading.phase();
        if (replay.reachedAt != null || (phase != Phase.STOPPED && phase != Phase.PAUSED)) {
            return replay.reachedAt;
        }
        Instant from = phase == Phase.STOPPED ? replay.reading.stoppedAt() : marks.get(marks.size() - 1).at();
        return calendar.due(from, Duration.ofSeconds(Math.max(0, seconds - replay.reading.elapsedSeconds())));
    }

    private record Replay(Reading reading, Instant reachedAt) {
    }

    private Replay replay(long goal, Instant now) {
        Phase phase = Phase.NOT_STARTED;
        Instant cycleStart = null;
        Instant segmentStart = null;
        Instant pausedSince = null;
        Instant stoppedAt = null;
        long before = 0;
        long paused = 0;
        Instant reached = null;
        for (Mark mark : marks) {
            Instant at = mark.at();
            switch (mark.step()) {
                case START -> {
                    if (phase == Phase.NOT_STARTED || phase == Phase.STOPPED || phase == Phase.CANCELLED) {
                        phase = Phase.RUNNING;
                        cycleStart = at;
                        segmentStart = at;
                        before = 0;
                        paused = 0;
                        stoppedAt = null;
                        reached = null;
                    }
                }
                case PAUSE -> {
                    if (phase == Phase.RUNNING) {
                        reached = reached != null ? reached : reachedWithin(segmentStart, at, before, goal);
                        before += calendar.elapsed(segmentStart, at).toSeconds();
                        phase = Phase.PAUSED;
                        pausedSince = at;
                    }
                }
                case RESUME -> {
                    if (phase == Phase.PAUSED || phase == Phase.STOPPED) {
                        if (phase == Phase.PAUSED) {
                            paused += Duration.between(pausedSince, at).toSeconds();
                        }
                        phase = Phase.RUNNING;
                        segmentStart = at;
                        stoppedAt = null;
                    }
                }
                case STOP -> {
                    if (phase == Phase.RUNNING) {
                        reached = reached != null ? reached : reachedWithin(segmentStart, at, before, goal);
                        before += calendar.elapsed(segmentStart, at).toSeconds();
                    }
                    if (phase == Phase.RUNNING || phase == Phase.PAUSED) {
                        if (phase == Phase.PAUSED) {
                            paused += Duration.between(pausedSince, at).toSeconds();
                        }
                        phase = Phase.STOPPED;
                        stoppedAt = at;
                    }
                }
                case CANCEL -> {
                    if (phase != Phase.CANCELLED && phase != Phase.NOT_STARTED) {
                        if (phase == Phase.RUNNING) {
                            reached = reached != null ? reached : reachedWithin(segmentStart, at, before, goal);
                            before += calendar.elapsed(segmentStart, at).toSeconds();
                        }
                        phase = Phase.CANCELLED;
                        stoppedAt = stoppedAt != null ? stoppedAt : at;
                    }
                }
            }
        }
        long elapsed = before;
        if (phase == Phase.RUNNING) {
            if (reached == null && goal != Long.MAX_VALUE) {
                reached = calendar.due(segmentStart, Duration.ofSeconds(Math.max(0, goal - before)));
            }
            if (now != null && now.isAfter(segmentStart)) {
                elapsed += calendar.elapsed(segmentStart, now).toSeconds();
            }
        }
        if (phase == Phase.PAUSED && now != null && now.isAfter(pausedSince)) {
            paused += Duration.between(pausedSince, now).toSeconds();
        }
        return new Replay(new Reading(phase, cycleStart, elapsed, paused, stoppedAt), reached);
    }

    /** Within a segment [from, to) that ended: the last instant before elapsed exceeded the goal, if it did. */
    private Instant reachedWithin(Instant from, Instant to, long before, long goal) {
        if (goal == Long.MAX_VALUE || before + calendar.elapsed(from, to).toSeconds() <= goal) {
            return null;
        }
        return calendar.due(from, Duration.ofSeconds(Math.max(0, goal - before)));
    }
}
