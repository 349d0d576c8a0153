package io.pledge.sla.clock;

import io.pledge.sla.calendar.BusinessCalendar;
import io.pledge.sla.calendar.OpeningInterval;
import io.pledge.sla.clock.ClockTimeline.Mark;
import io.pledge.sla.clock.ClockTimeline.Phase;
import io.pledge.sla.clock.ClockTimeline.Step;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClockTimelineTest {

    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven();
    /** Monday to Friday 09:00-18:00 UTC. */
    private static final BusinessCalendar OFFICE;

    static {
        Map<DayOfWeek, List<OpeningInterval>> week = new HashMap<>();
        for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(OpeningInterval.parse("09:00", "18:00")));
        }
        OFFICE = BusinessCalendar.of(ZoneId.of("UTC"), week, Set.of(), Map.of());
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    private static ClockTimeline timeline(BusinessCalendar calendar, Object... stepsAndTimes) {
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < stepsAndTimes.length; i += 2) {
            marks.add(new Mark(t((String) stepsAndTimes[i + 1]), (Step) stepsAndTimes[i], i));
        }
        return new ClockTimeline(marks, calendar);
    }

    @Test
    void aRunningClockCountsUpToNowAndFallsDueWhenTheTargetIsUsedUp() {
        ClockTimeline clock = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z");
        assertEquals(Phase.RUNNING, clock.read(t("2026-11-24T10:20:00Z")).phase());
        assertEquals(1200, clock.read(t("2026-11-24T10:20:00Z")).elapsedSeconds());
        assertEquals(t("2026-11-24T10:30:00Z"), clock.reaches(1800));
    }

    @Test
    void aStoppedClockIsStillDueWhereItsPromiseEndedMetOrBreached() {
        // office hours: started Friday 17:00, 2 business hours; stopped Friday 17:30, within the target
        ClockTimeline met = timeline(OFFICE, Step.START, "2026-11-27T17:00:00Z", Step.STOP, "2026-11-27T17:30:00Z");
        assertNull(met.reaches(7200), "it never used up the target");
        assertEquals(t("2026-11-30T10:00:00Z"), met.dueAt(7200), "what the customer was promised: Monday 10:00");
        // stopped on Monday at 11:00, past the target: due where it breached
        ClockTimeline breached = timeline(OFFICE, Step.START, "2026-11-27T17:00:00Z", Step.STOP, "2026-11-30T11:00:00Z");
        assertEquals(t("2026-11-30T10:00:00Z"), breached.dueAt(7200));
        ClockTimeline paused = timeline(OFFICE, Step.START, "2026-11-27T17:00:00Z", Step.PAUSE, "2026-11-27T17:30:00Z");
        assertEquals(t("2026-11-30T10:00:00Z"), paused.dueAt(7200), "as if it resumed at once");
    }

    @Test
    void aCustomerMessageReportedLateStartsACycleThatALaterReplyAlreadyStopped() {
        // next response within 30 min: answered at 10:20, a message of 10:05 reported afterwards
        ClockTimeline clock = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.STOP, "2026-11-24T10:01:00Z",
                Step.STOP, "2026-11-24T10:20:00Z", Step.START, "2026-11-24T10:05:00Z");
        assertEquals(Phase.STOPPED, clock.read(t("2026-11-24T11:00:00Z")).phase());
        assertEquals(t("2026-11-24T10:05:00Z"), clock.read(t("2026-11-24T11:00:00Z")).cycleStartedAt());
        assertEquals(t("2026-11-24T10:35:00Z"), clock.dueAt(1800), "the new cycle's due is known");
    }

    @Test
    void pausesDoNotCountAndAreTotalled() {
        ClockTimeline clock = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z",
                Step.PAUSE, "2026-11-24T10:10:00Z", Step.RESUME, "2026-11-24T11:10:00Z");
        var reading = clock.read(t("2026-11-24T11:20:00Z"));
        assertEquals(1200, reading.elapsedSeconds());
        assertEquals(3600, reading.pausedSeconds());
        assertEquals(t("2026-11-24T11:30:00Z"), clock.reaches(1800));
        ClockTimeline stillPaused = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.PAUSE, "2026-11-24T10:10:00Z");
        assertNull(stillPaused.reaches(1800));
    }

    @Test
    void aStopWithinTheTargetKeepsThePromiseAndOneAfterItDoesNot() {
        ClockTimeline met = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.STOP, "2026-11-24T10:00:25Z");
        assertEquals(Phase.STOPPED, met.read(t("2026-11-25T00:00:00Z")).phase());
        assertEquals(25, met.read(t("2026-11-25T00:00:00Z")).elapsedSeconds());
        assertNull(met.reaches(30));
        ClockTimeline late = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.STOP, "2026-11-24T10:00:45Z");
        assertEquals(t("2026-11-24T10:00:30Z"), late.reaches(30));
    }

    @Test
    void aLateStopEarlierThanTheDueTimeTurnsABreachIntoAMetPromise() {
        List<Mark> marks = new ArrayList<>(List.of(new Mark(t("2026-11-24T10:00:00Z"), Step.START, 1)));
        assertEquals(t("2026-11-24T10:00:30Z"), new ClockTimeline(marks, ALWAYS).reaches(30));
        marks.add(new Mark(t("2026-11-24T10:00:20Z"), Step.STOP, 2)); // reported a minute later
        assertNull(new ClockTimeline(marks, ALWAYS).reaches(30));
        assertEquals(20, new ClockTimeline(marks, ALWAYS).read(t("2026-11-24T10:05:00Z")).elapsedSeconds());
    }

    @Test
    void businessTimeFollowsTheCalendarAcrossNights() {
        // Friday 17:00 + 2 business hours: 1 h on Friday, 1 h on Monday.
        ClockTimeline clock = timeline(OFFICE, Step.START, "2026-11-27T17:00:00Z");
        assertEquals(t("2026-11-30T10:00:00Z"), clock.reaches(7200));
        assertEquals(3600, clock.read(t("2026-11-28T12:00:00Z")).elapsedSeconds());
    }

    @Test
    void aReopenedClockResumesKeepingItsElapsedTime() {
        ClockTimeline clock = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.STOP, "2026-11-24T10:40:00Z",
                Step.RESUME, "2026-11-24T12:00:00Z");
        var reading = clock.read(t("2026-11-24T12:10:00Z"));
        assertEquals(Phase.RUNNING, reading.phase());
        assertEquals(3000, reading.elapsedSeconds());
        assertEquals(t("2026-11-24T12:20:00Z"), clock.reaches(3600));
    }

    @Test
    void aStartWhileWaitingKeepsTheEarliestStartAndAStartAfterAStopBeginsANewCycle() {
        ClockTimeline waiting = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.START, "2026-11-24T10:05:00Z");
        assertEquals(t("2026-11-24T10:00:00Z"), waiting.read(t("2026-11-24T10:06:00Z")).cycleStartedAt());
        ClockTimeline second = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.STOP, "2026-11-24T10:05:00Z",
                Step.START, "2026-11-24T11:00:00Z");
        var reading = second.read(t("2026-11-24T11:01:00Z"));
        assertEquals(t("2026-11-24T11:00:00Z"), reading.cycleStartedAt());
        assertEquals(60, reading.elapsedSeconds());
    }

    @Test
    void aCancelledClockStopsCounting() {
        ClockTimeline clock = timeline(ALWAYS, Step.START, "2026-11-24T10:00:00Z", Step.CANCEL, "2026-11-24T10:10:00Z");
        assertEquals(Phase.CANCELLED, clock.read(t("2026-11-24T12:00:00Z")).phase());
        assertEquals(600, clock.read(t("2026-11-24T12:00:00Z")).elapsedSeconds());
        assertNull(clock.reaches(3600));
    }
}
