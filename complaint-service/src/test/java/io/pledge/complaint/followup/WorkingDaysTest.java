package io.pledge.complaint.followup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkingDaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void threeWorkingDaysFromTuesdayIsFridayAtTheSameTime() {
        // Tuesday 2026-11-24 10:00 in Shanghai
        assertEquals(Instant.parse("2026-11-27T02:00:00Z"),
                new WorkingDays(SHANGHAI, Set.of()).add(Instant.parse("2026-11-24T02:00:00Z"), 3));
    }

    @Test
    void aWeekendInBetweenDoesNotCount() {
        // Thursday 2026-11-26 10:00 → Friday, (Saturday, Sunday), Monday, Tuesday
        assertEquals(Instant.parse("2026-12-01T02:00:00Z"),
                new WorkingDays(SHANGHAI, Set.of()).add(Instant.parse("2026-11-26T02:00:00Z"), 3));
    }

    @Test
    void holidaysDoNotCount() {
        WorkingDays days = new WorkingDays(SHANGHAI, Set.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02")));
        // Wednesday 2026-09-30 → (Thu 1st, Fri 2nd holidays, weekend) Mon 5th, Tue 6th, Wed 7th
        assertEquals(Instant.parse("2026-10-07T02:00:00Z"), days.add(Instant.parse("2026-09-30T02:00:00Z"), 3));
    }

    @Test
    void startingOnASaturdayCountsFromMonday() {
        assertEquals(Instant.parse("2026-11-30T02:00:00Z"),
                new WorkingDays(SHANGHAI, Set.of()).add(Instant.parse("2026-11-28T02:00:00Z"), 1));
    }

    @Test
    void theLocalDateDecidesNotTheUtcOne() {
        // Friday 2026-11-27 23:30 Shanghai is still Friday 15:30 UTC; one working day later is Monday 23:30.
        assertEquals(Instant.parse("2026-11-30T15:30:00Z"),
                new WorkingDays(SHANGHAI, Set.of()).add(Instant.parse("2026-11-27T15:30:00Z"), 1));
    }
}
