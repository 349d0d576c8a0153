package io.pledge.kpi.bucket;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BucketSizeTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void bucketsFollowTheLocalCalendarOfTheBusinessZone() {
        Instant at = Instant.parse("2026-11-24T17:30:00Z"); // 01:30 on Wednesday 25 November in Shanghai
        assertEquals(Instant.parse("2026-11-24T17:00:00Z"), BucketSize.HOUR.startOf(at, SHANGHAI));
        assertEquals(Instant.parse("2026-11-24T16:00:00Z"), BucketSize.DAY.startOf(at, SHANGHAI));
        assertEquals(Instant.parse("2026-11-22T16:00:00Z"), BucketSize.WEEK.startOf(at, SHANGHAI));
        assertEquals(Instant.parse("2026-10-31T16:00:00Z"), BucketSize.MONTH.startOf(at, SHANGHAI));
    }

    @Test
    void aDayAcrossADaylightSavingChangeStartsAtLocalMidnight() {
        // Berlin leaves summer time on 25 October 2026: that day is 25 hours long.
        Instant lateOnTheLongDay = Instant.parse("2026-10-25T22:30:00Z"); // 23:30 CET
        assertEquals(Instant.parse("2026-10-24T22:00:00Z"), BucketSize.DAY.startOf(lateOnTheLongDay, BERLIN));
    }

    @Test
    void inUtcADayIsAUtcDay() {
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"),
                BucketSize.DAY.startOf(Instant.parse("2026-11-24T23:59:59Z"), ZoneId.of("UTC")));
    }
}
