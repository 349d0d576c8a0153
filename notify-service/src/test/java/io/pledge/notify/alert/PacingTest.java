package io.pledge.notify.alert;

import io.pledge.notify.recipient.Language;
import io.pledge.notify.recipient.QuietHours;
import io.pledge.notify.recipient.Staff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacingTest {

    private static final Instant NOW = Instant.parse("2030-05-01T10:00:00Z");
    private final Pacing pacing = new Pacing(5, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24));

    private static Staff person(QuietHours quiet) {
        return new Staff("li", "Li", "li@pledge.test", null, Language.EN, ZoneId.of("Asia/Shanghai"), quiet);
    }

    @Test
    void underTheMinutesMailsAnAlertGoesOutAtOnce() {
        assertEquals(new Pacing.Send(), pacing.decide(NOW, person(null), 4, NOW.minusSeconds(50), null));
    }

    @Test
    void beyondThemItWaitsInTheDigestUntilTheOldestMailLeavesTheMinute() {
        assertEquals(new Pacing.Digest(NOW.plusSeconds(10)), pacing.decide(NOW, person(null), 5, NOW.minusSeconds(50), null));
    }

    @Test
    void aDigestGatheringIsJoinedRatherThanOvertaken() {
        Instant due = NOW.plusSeconds(20);
        assertEquals(new Pacing.Digest(due), pacing.decide(NOW, person(null), 1, NOW.minusSeconds(40), due));
    }

    @Test
    void inQuietHoursItWaitsForTheirEnd() {
        // 18:00 in Shanghai
        QuietHours evening = new QuietHours(LocalTime.of(17, 0), LocalTime.of(19, 30));
        assertEquals(new Pacing.Quiet(Instant.parse("2030-05-01T11:30:00Z")),
                pacing.decide(NOW, person(evening), 0, null, null));
    }

    @Test
    void failuresBackOffDoublingUpToTheLongestAndAreGivenUpAfterADay() {
        assertEquals(Optional.of(NOW.plusSeconds(30)), pacing.retryAt(NOW, NOW, 1, false));
        assertEquals(Optional.of(NOW.plusSeconds(60)), pacing.retryAt(NOW, NOW, 2, false));
        assertEquals(Optional.of(NOW.plusSeconds(120)), pacing.retryAt(NOW, NOW, 3, false));
        assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))), pacing.retryAt(NOW, NOW, 30, false));
        assertEquals(Optional.empty(), pacing.retryAt(NOW, NOW.minus(Duration.ofHours(24)), 40, false));
        assertEquals(Optional.empty(), pacing.retryAt(NOW, NOW, 1, true));
    }
}
