package io.pledge.notify.recipient;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuietHoursTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aNightSpanningMidnightEndsTheNextMorningInTheirZone() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        // 23:30 in Shanghai (UTC+8) is 15:30 UTC
        assertEquals(Optional.of(Instant.parse("2030-03-02T23:00:00Z")),
                night.endAfter(Instant.parse("2030-03-02T15:30:00Z"), SHANGHAI));
        // 03:00 in Shanghai: the same night, ending at 07:00 that day
        assertEquals(Optional.of(Instant.parse("2030-03-02T23:00:00Z")),
                night.endAfter(Instant.parse("2030-03-02T19:00:00Z"), SHANGHAI));
        // 07:00 sharp is awake again, and so is 21:59
        assertEquals(Optional.empty(), night.endAfter(Instant.parse("2030-03-02T23:00:00Z"), SHANGHAI));
        assertEquals(Optional.empty(), night.endAfter(Instant.parse("2030-03-02T13:59:00Z"), SHANGHAI));
    }

    @Test
    void aDaytimeSpanEndsTheSameDay() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));
        assertEquals(Optional.of(Instant.parse("2030-03-02T05:30:00Z")),
                lunch.endAfter(Instant.parse("2030-03-02T04:10:00Z"), SHANGHAI));
        assertEquals(Optional.empty(), lunch.endAfter(Instant.parse("2030-03-02T03:59:59Z"), SHANGHAI));
    }

    @Test
    void theEndFollowsDaylightSavingTime() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        // Berlin moves to summer time in the night to 2030-03-31: 07:00 is then UTC+2
        assertEquals(Optional.of(Instant.parse("2030-03-31T05:00:00Z")),
                night.endAfter(Instant.parse("2030-03-30T22:00:00Z"), BERLIN));
        assertEquals(Optional.of(Instant.parse("2030-03-30T06:00:00Z")),
                night.endAfter(Instant.parse("2030-03-29T22:00:00Z"), BERLIN));
    }

    @Test
    void anEmptySpanIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
    }
}
