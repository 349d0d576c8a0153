package io.pledge.sla.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected instants are written with explicit UTC offsets, so they do not depend on the zone
 * arithmetic under test. In 2026, 2 March is a Monday.
 */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Mon–Fri 09:00–18:00 in Shanghai: 9 hours a day, 45 a week. */
    private static final BusinessCalendar OFFICE = BusinessCalendar.of(SHANGHAI, weekdays(hours("09:00", "18:00")), Set.of(), Map.of());

    @Nested
    class OfficeHours {

        @Test
        void aTargetUsedUpWithinTheDayIsDueTheSameDay() {
            assertEquals(at("2026-03-02T12:00+08:00"), OFFICE.due(at("2026-03-02T10:00+08:00"), Duration.ofHours(2)));
            assertEquals(Duration.ofHours(2), OFFICE.elapsed(at("2026-03-02T10:00+08:00"), at("2026-03-02T12:00+08:00")));
        }

        @Test
        void theNightIsNotCounted() {
            assertEquals(at("2026-03-03T10:00+08:00"), OFFICE.due(at("2026-03-02T17:00+08:00"), Duration.ofHours(2)));
            assertEquals(Duration.ofHours(2), OFFICE.elapsed(at("2026-03-02T17:00+08:00"), at("2026-03-03T10:00+08:00")));
        }

        @Test
        void theWeekendIsNotCounted() {
            assertEquals(at("2026-03-09T11:00+08:00"), OFFICE.due(at("2026-03-06T16:00+08:00"), Duration.ofHours(4)));
            assertEquals(Duration.ofHours(4), OFFICE.elapsed(at("2026-03-06T16:00+08:00"), at("2026-03-09T11:00+08:00")));
            assertEquals(Duration.ZERO, OFFICE.elapsed(at("2026-03-06T18:00+08:00"), at("2026-03-09T09:00+08:00")));
        }

        @Test
        void aSpanOfSeveralWeeksCountsOnlyWorkingHours() {
            // Two weeks (90 h) and a Monday (9 h) use 99 h; the last hour is Tuesday morning.
            assertEquals(at("2026-03-17T10:00+08:00"), OFFICE.due(at("2026-03-02T09:00+08:00"), Duration.ofHours(100)));
            assertEquals(Duration.ofHours(100), OFFICE.elapsed(at("2026-03-02T09:00+08:00"), at("2026-03-17T10:00+08:00")));
            assertEquals(Duration.ofHours(3 * 45), OFFICE.elapsed(at("2026-03-04T12:30+08:00"), at("2026-03-25T12:30+08:00")));
        }

        @Test
        void nothingElapsesUnlessTheEndIsAfterTheStart() {
            assertEquals(Duration.ZERO, OFFICE.elapsed(at("2026-03-02T10:00+08:00"), at("2026-03-02T10:00+08:00")));
            assertEquals(Duration.ZERO, OFFICE.elapsed(at("2026-03-02T12:00+08:00"), at("2026-03-02T10:00+08:00")));
        }

        @Test
        void aTargetUsedUpExactlyAtClosingIsDueAtTheNextOpening() {
            assertEquals(at("2026-03-03T09:00+08:00"), OFFICE.due(at("2026-03-02T09:00+08:00"), Duration.ofHours(9)));
            assertEquals(at("2026-03-09T09:00+08:00"), OFFICE.due(at("2026-03-06T10:00+08:00"), Duration.ofHours(8)));
            // Elapsed time stays at the target through the night and exceeds it only after opening.
            assertEquals(Duration.ofHours(9), OFFICE.elapsed(at("2026-03-02T09:00+08:00"), at("2026-03-02T18:00+08:00")));
            assertEquals(Duration.ofHours(9), OFFICE.elapsed(at("2026-03-02T09:00+08:00"), at("2026-03-03T09:00+08:00")));
            assertEquals(Duration.ofHours(9).plusSeconds(1),
                    OFFICE.elapsed(at("2026-03-02T09:00+08:00"), at("2026-03-03T09:00:01+08:00")));
        }

        @Test
        void aClockStartedWhileClosedStartsAtTheNextOpening() {
            assertEquals(at("2026-03-09T10:00+08:00"), OFFICE.due(at("2026-03-07T10:00+08:00"), Duration.ofHours(1)));
            assertEquals(at("2026-03-02T10:00+08:00"), OFFICE.due(at("2026-03-02T07:00+08:00"), Duration.ofHours(1)));
            assertEquals(at("2026-03-03T10:00+08:00"), OFFICE.due(at("2026-03-02T18:00+08:00"), Duration.ofHours(1)));
        }

        @Test
        void aZeroTargetIsDueAtTheStartIfOpenOtherwiseAtTheNextOpening() {
            assertEquals(at("2026-03-02T10:00+08:00"), OFFICE.due(at("2026-03-02T10:00+08:00"), Duration.ZERO));
            assertEquals(at("2026-03-02T09:00+08:00"), OFFICE.due(at("2026-03-02T09:00+08:00"), Duration.ZERO));
            assertEquals(at("2026-03-03T09:00+08:00"), OFFICE.due(at("2026-03-02T18:00+08:00"), Duration.ZERO));
            assertEquals(at("2026-03-09T09:00+08:00"), OFFICE.due(at("2026-03-07T10:00+08:00"), Duration.ZERO));
        }

        @Test
        void aNegativeTargetIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> OFFICE.due(at("2026-03-02T10:00+08:00"), Duration.ofSeconds(-1)));
        }

        @Test
        void fractionsOfASecondAreTruncated() {
            assertEquals(at("2026-03-02T10:00:01+08:00"),
                    OFFICE.due(at("2026-03-02T10:00:00.700+08:00"), Duration.ofMillis(1_900)));
            assertEquals(Duration.ofSeconds(2), OFFICE.elapsed(at("2026-03-02T10:00:00.900+08:00"), at("2026-03-02T10:00:02.100+08:00")));
            assertEquals(Duration.ZERO, OFFICE.elapsed(at("2026-03-02T10:00:00.100+08:00"), at("2026-03-02T10:00:00.900+08:00")));
        }
    }

    @Nested
    class SplitShift {

        /** Given out of order on purpose: a day's intervals may come in any order. */
        private final BusinessCalendar calendar = BusinessCalendar.of(SHANGHAI,
                weekdays(hours("13:00", "18:00"), hours("09:00", "12:00")), Set.of(), Map.of());

        @Test
        void theLunchBreakIsNotCounted() {
            assertEquals(List.of(hours("09:00", "12:00"), hours("13:00", "18:00")), calendar.openingOn(LocalDate.of(2026, 3, 2)));
            assertEquals(at("2026-03-02T14:00+08:00"), calendar.due(at("2026-03-02T11:00+08:00"), Duration.ofHours(2)));
            assertEquals(at("2026-03-02T13:30+08:00"), calendar.due(at("2026-03-02T12:15+08:00"), Duration.ofMinutes(30)));
            assertEquals(Duration.ofHours(8), calendar.elapsed(at("2026-03-02T09:00+08:00"), at("2026-03-02T18:00+08:00")));
            assertEquals(Duration.ofHours(1), calendar.elapsed(at("2026-03-02T11:30+08:00"), at("2026-03-02T13:30+08:00")));
        }

        @Test
        void aTargetUsedUpAtTheStartOfLunchIsDueAfterLunch() {
            assertEquals(at("2026-03-02T13:00+08:00"), calendar.due(at("2026-03-02T09:00+08:00"), Duration.ofHours(3)));
        }
    }

    @Nested
    class MidnightEnd {

        private final BusinessCalendar nightShift = BusinessCalendar.of(SHANGHAI,
                everyDay(hours("18:00", "24:00"), hours("00:00", "02:00")), Set.of(), Map.of());

        @Test
        void workUntil24ContinuesIntoTheNextDaysHoursWithoutABreak() {
            assertEquals("[00:00-02:00, 18:00-24:00]", nightShift.openingOn(LocalDate.of(2026, 3, 2)).toString());
            assertEquals(at("2026-03-03T01:00+08:00"), nightShift.due(at("2026-03-02T23:00+08:00"), Duration.ofHours(2)));
            assertEquals(at("2026-03-03T00:00+08:00"), nightShift.due(at("2026-03-02T23:00+08:00"), Duration.ofHours(1)));
            assertEquals(Duration.ofMinutes(210), nightShift.elapsed(at("2026-03-02T22:00+08:00"), at("2026-03-03T01:30+08:00")));
            assertEquals(Duration.ofHours(2), nightShift.elapsed(at("2026-03-02T01:00+08:00"), at("2026-03-02T19:00+08:00")));
        }
    }

    /** China's 2026 National Day week around a worked Sunday and a shortened eve. */
    @Nested
    class HolidaysAndSpecialDays {

        private final Set<LocalDate> nationalDay = Set.of(
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 4),
                LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));

        private final BusinessCalendar calendar = BusinessCalendar.of(SHANGHAI, weekdays(hours("09:00", "18:00")), nationalDay, Map.of(
                LocalDate.of(2026, 9, 27), List.of(hours("09:00", "18:00")),
                LocalDate.of(2026, 9, 30), List.of(hours("09:00", "15:00"))));

        @Test
        void holidaysAreNotCounted() {
            assertEquals(List.of(), calendar.openingOn(LocalDate.of(2026, 10, 1)));
            assertEquals(at("2026-10-08T10:00+08:00"), calendar.due(at("2026-09-30T14:00+08:00"), Duration.ofHours(2)));
            // Mon 9 h, Tue 9 h, the shortened Wed 6 h, then nothing until Thu 8 October, 9 h.
            assertEquals(Duration.ofHours(33), calendar.elapsed(at("2026-09-28T09:00+08:00"), at("2026-10-09T09:00+08:00")));
        }

        @Test
        void aMakeUpWorkingDayOpensASunday() {
            assertEquals(List.of(hours("09:00", "18:00")), calendar.openingOn(LocalDate.of(2026, 9, 27)));
            assertEquals(at("2026-09-27T10:00+08:00"), calendar.due(at("2026-09-25T17:00+08:00"), Duration.ofHours(2)));
            assertEquals(Duration.ofHours(9), calendar.elapsed(at("2026-09-26T00:00+08:00"), at("2026-09-28T00:00+08:00")));
        }

        @Test
        void aShortenedDayClosesEarly() {
            assertEquals(List.of(hours("09:00", "15:00")), calendar.openingOn(LocalDate.of(2026, 9, 30)));
            // Used up exactly at the early closing, so due when the office reopens after the holidays.
            assertEquals(at("2026-10-08T09:00+08:00"), calendar.due(at("2026-09-30T09:00+08:00"), Duration.ofHours(6)));
        }

        @Test
        void aSpecialDayWinsOverAHolidayOnTheSameDate() {
            BusinessCalendar reopened = BusinessCalendar.of(SHANGHAI, weekdays(hours("09:00", "18:00")), nationalDay,
                    Map.of(LocalDate.of(2026, 10, 2), List.of(hours("10:00", "12:00"))));

            assertEquals(List.of(hours("10:00", "12:00")), reopened.openingOn(LocalDate.of(2026, 10, 2)));
            assertEquals(Duration.ofHours(2), reopened.elapsed(at("2026-10-01T00:00+08:00"), at("2026-10-08T00:00+08:00")));
        }

        @Test
        void aSpecialDayWithoutHoursIsClosed() {
            BusinessCalendar closedWednesday = BusinessCalendar.of(SHANGHAI, weekdays(hours("09:00", "18:00")), Set.of(),
                    Map.of(LocalDate.of(2026, 3, 4), List.of()));

            assertEquals(Duration.ofHours(18), closedWednesday.elapsed(at("2026-03-03T00:00+08:00"), at("2026-03-06T00:00+08:00")));
        }
    }

    @Nested
    class DaylightSaving {

        /** Berlin springs forward on 29 March 2026 (02:00 → 03:00) and falls back on 25 October (03:00 → 02:00). */
        private final BusinessCalendar berlinAllDay = BusinessCalendar.of(BERLIN, everyDay(hours("00:00", "24:00")), Set.of(), Map.of());
        private final BusinessCalendar berlinSmallHours = BusinessCalendar.of(BERLIN, everyDay(hours("01:00", "05:00")), Set.of(), Map.of());

        @Test
        void theSpringForwardDayHas23Hours() {
            assertEquals(Duration.ofHours(23), berlinAllDay.elapsed(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")));
            assertEquals(at("2026-03-30T01:00+02:00"), berlinAllDay.due(at("2026-03-29T00:00+01:00"), Duration.ofHours(24)));
        }

        @Test
        void theFallBackDayHas25Hours() {
            assertEquals(Duration.ofHours(25), berlinAllDay.elapsed(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00")));
            assertEquals(at("2026-10-25T23:00+01:00"), berlinAllDay.due(at("2026-10-25T00:00+02:00"), Duration.ofHours(24)));
        }

        @Test
        void hoursAcrossTheChangeAreShorterInSpringAndLongerInAutumn() {
            assertEquals(Duration.ofHours(3), berlinSmallHours.elapsed(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")));
            assertEquals(at("2026-03-29T04:00+02:00"), berlinSmallHours.due(at("2026-03-29T01:00+01:00"), Duration.ofHours(2)));
            assertEquals(at("2026-03-30T01:00+02:00"), berlinSmallHours.due(at("2026-03-29T01:00+01:00"), Duration.ofHours(3)));

            assertEquals(Duration.ofHours(5), berlinSmallHours.elapsed(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00")));
            assertEquals(at("2026-10-25T04:00+01:00"), berlinSmallHours.due(at("2026-10-25T01:00+02:00"), Duration.ofHours(4)));

            assertEquals(Duration.ofHours(4), berlinSmallHours.elapsed(at("2026-03-28T00:00+01:00"), at("2026-03-29T00:00+01:00")));
        }

        @Test
        void newYorkChangesOnOtherDays() {
            BusinessCalendar newYorkSmallHours = BusinessCalendar.of(NEW_YORK, everyDay(hours("01:00", "05:00")), Set.of(), Map.of());

            assertEquals(Duration.ofHours(3), newYorkSmallHours.elapsed(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00")));
            assertEquals(Duration.ofHours(5), newYorkSmallHours.elapsed(at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-05:00")));
        }

        @Test
        void aTimeInTheGapIsShiftedLaterByTheGapAndARepeatedTimeMeansItsFirstOccurrence() {
            BusinessCalendar opensAtHalfPastTwo = BusinessCalendar.of(BERLIN, everyDay(hours("02:30", "06:00")), Set.of(), Map.of());

            assertEquals(at("2026-03-29T03:30+02:00"), opensAtHalfPastTwo.due(at("2026-03-29T00:00+01:00"), Duration.ZERO));
            assertEquals(Duration.ofMinutes(150), opensAtHalfPastTwo.elapsed(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")));

            assertEquals(at("2026-10-25T02:30+02:00"), opensAtHalfPastTwo.due(at("2026-10-25T00:00+02:00"), Duration.ZERO));
            assertEquals(at("2026-10-25T02:30+01:00"), opensAtHalfPastTwo.due(at("2026-10-25T00:00+02:00"), Duration.ofHours(1)));
            assertEquals(Duration.ofMinutes(270), opensAtHalfPastTwo.elapsed(at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00")));
        }

        @Test
        void openTimeShiftedOntoOtherOpenTimeCountsOnce() {
            // 02:00-02:45 becomes 03:00-03:45 CEST, inside 03:00-04:00: one hour in all.
            BusinessCalendar shiftedOnto = BusinessCalendar.of(BERLIN,
                    everyDay(hours("02:00", "02:45"), hours("03:00", "04:00")), Set.of(), Map.of());
            assertEquals(Duration.ofHours(1), shiftedOnto.elapsed(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")));
            assertEquals(Duration.ofMinutes(105), shiftedOnto.elapsed(at("2026-03-28T00:00+01:00"), at("2026-03-29T00:00+01:00")));

            // 02:30-03:15 becomes 03:30-03:15 CEST, closing before it opens: nothing.
            BusinessCalendar shiftedPastItsClosing = BusinessCalendar.of(BERLIN,
                    everyDay(hours("02:30", "03:15"), hours("05:00", "06:00")), Set.of(), Map.of());
            assertEquals(Duration.ofHours(1), shiftedPastItsClosing.elapsed(at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")));
            assertEquals(at("2026-03-29T05:00+02:00"), shiftedPastItsClosing.due(at("2026-03-29T00:00+01:00"), Duration.ZERO));
        }
    }

    @Nested
    class TwentyFourSeven {

        private final BusinessCalendar calendar = BusinessCalendar.twentyFourSeven();

        @Test
        void businessTimeIsRealTime() {
            assertEquals(ZoneOffset.UTC, calendar.zone());
            assertEquals(List.of(hours("00:00", "24:00")), calendar.openingOn(LocalDate.of(2026, 3, 7)));
            assertEquals(Duration.ofHours(10 * 24 + 5), calendar.elapsed(at("2026-03-02T10:00Z"), at("2026-03-12T15:00Z")));
            assertEquals(at("2026-03-03T00:30Z"), calendar.due(at("2026-03-02T23:30Z"), Duration.ofHours(1)));
            assertEquals(at("2026-03-03T00:00Z"), calendar.due(at("2026-03-02T23:30Z"), Duration.ofMinutes(30)));
            assertEquals(at("2026-03-12T10:00Z"), calendar.due(at("2026-03-02T10:00Z"), Duration.ofDays(10)));
            assertEquals(at("2026-03-02T10:00Z"), calendar.due(at("2026-03-02T10:00Z"), Duration.ZERO));
        }

        @Test
        void isOneSharedCalendar() {
            assertSame(calendar, BusinessCalendar.twentyFourSeven());
        }
    }

    @Nested
    class NoOpening {

        @Test
        void aCalendarWithoutHoursIsNeverDue() {
            BusinessCalendar noHours = BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(), Map.of());

            IllegalStateException never = assertThrows(IllegalStateException.class,
                    () -> noHours.due(at("2026-03-02T10:00+08:00"), Duration.ofHours(1)));
            assertTrue(never.getMessage().contains("3 years"), never.getMessage());
            assertThrows(IllegalStateException.class, () -> noHours.due(at("2026-03-02T10:00+08:00"), Duration.ZERO));
            assertEquals(Duration.ZERO, noHours.elapsed(at("2026-03-02T10:00+08:00"), at("2027-03-02T10:00+08:00")));
        }

        @Test
        void aCalendarOfOnlyHolidaysOrClosedDaysIsNeverDue() {
            BusinessCalendar onlyHolidays = BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(LocalDate.of(2026, 10, 1)), Map.of());
            Map<DayOfWeek, List<OpeningInterval>> closedEveryDay = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                closedEveryDay.put(day, List.of());
            }
            BusinessCalendar alwaysClosed = BusinessCalendar.of(SHANGHAI, closedEveryDay, Set.of(), Map.of());

            assertThrows(IllegalStateException.class, () -> onlyHolidays.due(at("2026-09-30T10:00+08:00"), Duration.ofHours(1)));
            assertThrows(IllegalStateException.class, () -> alwaysClosed.due(at("2026-09-30T10:00+08:00"), Duration.ofHours(1)));
        }

        @Test
        void anOpeningWithinThreeYearsIsFoundAndOneBeyondIsNot() {
            BusinessCalendar leapDayOnly = BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(),
                    Map.of(LocalDate.of(2028, 2, 29), List.of(hours("09:00", "10:00"))));
            assertEquals(at("2028-02-29T09:30+08:00"), leapDayOnly.due(at("2026-03-02T10:00+08:00"), Duration.ofMinutes(30)));
            // Used up at its only closing, with no opening after it.
            assertThrows(IllegalStateException.class, () -> leapDayOnly.due(at("2026-03-02T10:00+08:00"), Duration.ofHours(1)));
            assertThrows(IllegalStateException.class, () -> leapDayOnly.due(at("2028-03-01T10:00+08:00"), Duration.ZERO));

            BusinessCalendar tooFarAhead = BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(),
                    Map.of(LocalDate.of(2030, 6, 3), List.of(hours("09:00", "10:00"))));
            assertThrows(IllegalStateException.class, () -> tooFarAhead.due(at("2026-03-02T10:00+08:00"), Duration.ZERO));
        }
    }

    @Nested
    class Validation {

        @Test
        void overlappingIntervalsAreRefusedNamingTheDay() {
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI,
                    Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("11:00", "13:00"))), Set.of(), Map.of()));
            assertEquals("opening intervals 09:00-12:00 and 11:00-13:00 for MONDAY overlap", overlap.getMessage());

            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI,
                    Map.of(DayOfWeek.FRIDAY, List.of(hours("09:00", "12:00"), hours("09:00", "12:00"))), Set.of(), Map.of()));
            assertTrue(twice.getMessage().contains("FRIDAY"), twice.getMessage());

            IllegalArgumentException special = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI,
                    Map.of(), Set.of(), Map.of(LocalDate.of(2026, 9, 27), List.of(hours("09:00", "18:00"), hours("17:00", "19:00")))));
            assertEquals("opening intervals 09:00-18:00 and 17:00-19:00 for special day 2026-09-27 overlap", special.getMessage());
        }

        @Test
        void touchingIntervalsAreJoined() {
            BusinessCalendar touching = BusinessCalendar.of(SHANGHAI,
                    Map.of(DayOfWeek.MONDAY, List.of(hours("12:00", "18:00"), hours("09:00", "12:00"))), Set.of(), Map.of());

            assertEquals(List.of(hours("09:00", "18:00")), touching.openingOn(LocalDate.of(2026, 3, 2)));
        }

        @Test
        void invertedOrEmptyIntervalsAreRefusedNamingTheDay() {
            IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI,
                    Map.of(DayOfWeek.TUESDAY, List.of(hours("18:00", "09:00"))), Set.of(), Map.of()));
            assertEquals("opening interval 18:00-09:00 for TUESDAY is empty or inverted: it must open before it closes", inverted.getMessage());

            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI,
                    Map.of(), Set.of(), Map.of(LocalDate.of(2026, 9, 30), List.of(hours("09:00", "09:00")))));
            assertTrue(empty.getMessage().contains("special day 2026-09-30"), empty.getMessage());
        }

        @Test
        void timesAreReadAsHoursAndMinutes() {
            assertEquals(0, BusinessCalendar.parseTime("00:00"));
            assertEquals(9 * 3600 + 30 * 60, BusinessCalendar.parseTime("09:30"));
            assertEquals(23 * 3600 + 59 * 60, BusinessCalendar.parseTime("23:59"));
            assertEquals(24 * 3600, BusinessCalendar.parseTime("24:00"));
        }

        @Test
        void badTimeTextIsRefused() {
            for (String text : Arrays.asList("9:00", "09:0", "0900", "25:00", "24:01", "24:30", "09:60", "noon", "", " 09:00",
                    "09:00 ", "09:00:00", "-1:00", "\u0660\u0669:\u0660\u0660", null)) {
                assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.parseTime(text), "accepted " + text);
            }
        }

        @Test
        void midnightAsAnOpeningTimeIsWritten0000Not2400() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> OpeningInterval.parse("24:00", "24:00"));
            assertTrue(refused.getMessage().contains("24:00"), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> OpeningInterval.parse("24:00", "02:00"));
            assertEquals(new OpeningInterval(0, 86_400), OpeningInterval.parse("00:00", "24:00"));
        }

        @Test
        void timesOutsideTheDayAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new OpeningInterval(-1, 3600));
            assertThrows(IllegalArgumentException.class, () -> new OpeningInterval(86_400, 86_400));
            assertThrows(IllegalArgumentException.class, () -> new OpeningInterval(0, 86_401));
        }

        @Test
        void missingPartsAreRefused() {
            Map<DayOfWeek, List<OpeningInterval>> mondayWithoutList = new HashMap<>();
            mondayWithoutList.put(DayOfWeek.MONDAY, null);
            Map<DayOfWeek, List<OpeningInterval>> mondayWithNullInterval = Map.of(DayOfWeek.MONDAY, Arrays.asList(hours("09:00", "12:00"), null));
            Map<DayOfWeek, List<OpeningInterval>> nullWeekday = new HashMap<>();
            nullWeekday.put(null, List.of());
            Set<LocalDate> nullHoliday = new HashSet<>();
            nullHoliday.add(null);
            Map<LocalDate, List<OpeningInterval>> nullSpecialDay = new HashMap<>();
            nullSpecialDay.put(null, List.of());

            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(null, Map.of(), Set.of(), Map.of()));
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, null, Set.of(), Map.of()));
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, Map.of(), null, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(), null));
            IllegalArgumentException noList = assertThrows(IllegalArgumentException.class,
                    () -> BusinessCalendar.of(SHANGHAI, mondayWithoutList, Set.of(), Map.of()));
            assertTrue(noList.getMessage().contains("MONDAY"), noList.getMessage());
            IllegalArgumentException noInterval = assertThrows(IllegalArgumentException.class,
                    () -> BusinessCalendar.of(SHANGHAI, mondayWithNullInterval, Set.of(), Map.of()));
            assertTrue(noInterval.getMessage().contains("MONDAY"), noInterval.getMessage());
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, nullWeekday, Set.of(), Map.of()));
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, Map.of(), nullHoliday, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(SHANGHAI, Map.of(), Set.of(), nullSpecialDay));
        }
    }

    /**
     * Guards against stepping second by second: a year is a few hundred day steps. Only the results
     * are asserted; the time per call is printed for information.
     */
    @Test
    void aTargetOfMonthsAndASpanOfAYearAreWalkedDayByDay() {
        Instant start = at("2026-01-05T09:00+08:00");
        Duration target = Duration.ofHours(2000);
        // 44 weeks (1980 h) reach Monday 9 November 09:00; Monday and Tuesday add 18 h, Wednesday the last 2.
        Instant expectedDue = at("2026-11-11T11:00+08:00");
        Instant yearStart = at("2026-01-05T00:00+08:00");
        Instant yearEnd = at("2027-01-05T00:00+08:00");
        // 52 weeks of 45 h, plus Monday 4 January 2027.
        Duration expectedElapsed = Duration.ofHours(52 * 45 + 9);

        int calls = 2_000;
        long began = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            assertEquals(expectedDue, OFFICE.due(start, target));
            assertEquals(expectedElapsed, OFFICE.elapsed(yearStart, yearEnd));
        }
        long nanosPerPair = (System.nanoTime() - began) / calls;
        System.out.printf("BusinessCalendar: due(2000 h) + elapsed(365 days) took %d µs per pair on average%n", nanosPerPair / 1_000);
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static OpeningInterval hours(String opensAt, String closesAt) {
        return OpeningInterval.parse(opensAt, closesAt);
    }

    private static Map<DayOfWeek, List<OpeningInterval>> weekdays(OpeningInterval... intervals) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(intervals));
        }
        return hours;
    }

    private static Map<DayOfWeek, List<OpeningInterval>> everyDay(OpeningInterval... intervals) {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(intervals));
        }
        return hours;
    }
}
