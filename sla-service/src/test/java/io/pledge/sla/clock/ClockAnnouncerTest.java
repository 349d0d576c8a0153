package io.pledge.sla.clock;

import io.pledge.contracts.EventType;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.sla.calendar.BusinessCalendar;
import io.pledge.sla.clock.ClockAnnouncer.Announcement;
import io.pledge.sla.clock.ClockTimeline.Mark;
import io.pledge.sla.clock.ClockTimeline.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The announcer alone: a clock's marks and an instant in, the events it announces out. */
class ClockAnnouncerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final ClockAnnouncer ANNOUNCER = new ClockAnnouncer(SETTLE);

    /** A 100 s first-response clock warning at 50, 75 and 90 %, on a 24x7 calendar. */
    private final SlaClock clock = clock();
    private final List<Mark> marks = new ArrayList<>();

    private static SlaClock clock() {
        SlaClock c = new SlaClock();
        c.id = UUID.randomUUID();
        c.ticketId = UUID.randomUUID();
        c.metric = SlaClocks.FIRST_RESPONSE;
        c.policyId = "test";
        c.targetSeconds = 100;
        c.calendarId = "24x7";
        c.warningThresholds = "50,75,90";
        c.startedAt = T0;
        c.state = SlaClockState.RUNNING;
        c.channel = Channel.EMAIL;
        c.category = Category.INQUIRY;
        c.priority = Priority.NORMAL;
        return c;
    }

    private static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private void mark(Step step, long atSecond) {
        marks.add(new Mark(t(atSecond), step, marks.size()));
    }

    /** The alarm scan reading the clock at {@code second}. */
    private List<Announcement> scan(long second) {
        return ANNOUNCER.announce(clock, new ClockTimeline(marks, BusinessCalendar.twentyFourSeven()), t(second), true, false);
    }

    /** An event just applied, read at {@code second}. */
    private List<Announcement> event(long second, boolean reportedLate) {
        return ANNOUNCER.announce(clock, new ClockTimeline(marks, BusinessCalendar.twentyFourSeven()), t(second), false,
                reportedLate);
    }

    private static List<String> types(List<Announcement> announcements) {
        return announcements.stream().map(a -> EventType.of(a.event()).type()).toList();
    }

    @Test
    void warningThresholdsAreAnnouncedOnceEach() {
        mark(Step.START, 0);
        assertEquals(List.of("sla.clock-started"), types(event(0, false)));
        assertEquals(t(50), clock.nextAlertAt, "the scan looks again at the 50 % instant");

        List<Announcement> first = scan(60);
        assertEquals(List.of("sla.warning"), types(first));
        assertEquals(50, ((SlaWarning) first.get(0).event()).thresholdPercent());
        assertEquals(t(50), first.get(0).at());
        assertEquals(List.of(), types(scan(70)), "the 50 % warning is not told again");

        List<Announcement> second = scan(80);
        assertEquals(List.of("sla.warning"), types(second));
        assertEquals(75, ((SlaWarning) second.get(0).event()).thresholdPercent());
        assertEquals(t(75), second.get(0).at());
        assertEquals(List.of(), types(scan(85)));
        assertEquals(t(90), clock.nextAlertAt);
    }

    @Test
    void theBreachIsAnnouncedOnce() {
        mark(Step.START, 0);
        event(0, false);
        List<Announcement> due = scan(200);
        assertEquals(List.of("sla.warning", "sla.warning", "sla.warning", "sla.breached"), types(due));
        SlaBreached breached = (SlaBreached) due.get(3).event();
        assertEquals(t(100), breached.dueAt());
        assertEquals(t(101), breached.breachedAt());
        assertEquals(t(101), due.get(3).at());
        assertEquals(SlaClockState.BREACHED, clock.state);
        assertNull(clock.nextAlertAt, "nothing left for the scan");

        assertEquals(List.of(), types(scan(300)));
        assertEquals(List.of(), types(event(300, false)), "a later reading of the running, breached clock tells nothing");
    }

    @Test
    void aLateStopWithinTheTargetAfterABreachRetractsTheBreachAndIsMet() {
        mark(Step.START, 0);
        event(0, false);
        scan(200);

        mark(Step.STOP, 80); // a reply at 80 s, learned after the breach was announced
        List<Announcement> corrected = event(210, false);
        assertEquals(List.of("sla.warning-retracted", "sla.breach-retracted", "sla.met", "sla.clock-stopped"),
                types(corrected));
        assertEquals(90, ((SlaWarningRetracted) corrected.get(0).event()).thresholdPercent(), "80 s: 90 % was not reached");
        SlaBreachRetracted retracted = (SlaBreachRetracted) corrected.get(1).event();
        assertEquals(80, retracted.elapsedSeconds());
        assertEquals(t(80), retracted.stoppedAt());
        assertNull(retracted.reportedLate());
        assertEquals(80, ((SlaMet) corrected.get(2).event()).elapsedSeconds());
        assertEquals(t(80), corrected.get(2).at());
        assertEquals(SlaClockState.MET, clock.state);
        assertEquals(List.of(), types(event(220, false)), "met once");
    }

    @Test
    void aLatePauseThatUnreachesAThresholdRetractsThatWarning() {
        mark(Step.START, 0);
        event(0, false);
        assertEquals(List.of("sla.warning"), types(scan(60)));

        mark(Step.PAUSE, 40); // paused at 40 s: the clock never used 50 %
        List<Announcement> corrected = event(65, false);
        assertEquals(List.of("sla.warning-retracted"), types(corrected));
        SlaWarningRetracted retracted = (SlaWarningRetracted) corrected.get(0).event();
        assertEquals(50, retracted.thresholdPercent());
        assertEquals(40, retracted.elapsedSeconds());
        assertEquals(t(65), corrected.get(0).at(), "a paused clock retracts when it learns it");
        assertEquals(SlaClockState.PAUSED, clock.state);
        assertEquals(0, clock.warningsAnnounced);
    }

    @Test
    void aPauseAcrossAThresholdAnnouncesTheWarningAfterTheResumeAtTheShiftedInstant() {
        mark(Step.START, 0);
        event(0, false);
        mark(Step.PAUSE, 40);
        assertEquals(List.of(), types(event(40, false)));
        assertNull(clock.nextAlertAt, "nothing is due while paused");
        assertEquals(List.of(), types(scan(70)), "no warning while paused, though 50 s have passed");

        mark(Step.RESUME, 100); // 40 s used, 10 s more reach 50 %
        assertEquals(List.of(), types(event(100, false)));
        assertEquals(t(110), clock.nextAlertAt);
        assertEquals(List.of(), types(scan(105)));
        List<Announcement> warned = scan(111);
        assertEquals(List.of("sla.warning"), types(warned));
        assertEquals(50, ((SlaWarning) warned.get(0).event()).thresholdPercent());
        assertEquals(t(110), warned.get(0).at());
        assertEquals(t(160), ((SlaWarning) warned.get(0).event()).dueAt(), "due shifted by the 60 s pause");
    }

    @Test
    void aLateEventsPastAlarmIsHeldForTheSettleTimeAndTheScanAnnouncesItAtOnce() {
        mark(Step.START, 0); // an opening learned at 60 s: its 50 % instant is past
        assertEquals(List.of("sla.clock-started"), types(event(60, false)));
        assertEquals(t(62), clock.nextAlertAt, "held for the settle time, for a correction to arrive first");

        List<Announcement> due = scan(62);
        assertEquals(List.of("sla.warning"), types(due));
        assertEquals(t(50), due.get(0).at(), "announced with the instant it was reached");
        assertEquals(t(75), clock.nextAlertAt);
    }

    @Test
    void aRetractionCausedByALateReportedEventSaysReportedLate() {
        mark(Step.START, 0);
        event(0, false);
        scan(200);

        mark(Step.STOP, 30);
        List<Announcement> corrected = event(210, true);
        SlaBreachRetracted retracted = corrected.stream().map(Announcement::event)
                .filter(SlaBreachRetracted.class::isInstance).map(SlaBreachRetracted.class::cast).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, retracted.reportedLate());
        assertEquals("a late-reported fact shows the promise was kept", retracted.reason());
    }
}
