package io.pledge.intake.ticket;

import io.pledge.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final StepTime.After OPENED = new StepTime.After("the ticket was opened", NOW.minus(Duration.ofHours(3)));

    @Test
    void aStepReportedLateKeepsItsTimeAndOneReportedNowHappensNow() {
        Instant late = NOW.minus(Duration.ofHours(1));
        assertEquals(late, StepTime.of("occurredAt", late, NOW, OPENED));
        assertEquals(OPENED.at(), StepTime.of("occurredAt", OPENED.at(), NOW, OPENED));
        assertEquals(NOW, StepTime.of("occurredAt", null, NOW, OPENED));
    }

    @Test
    void aStepInTheFutureIsRefusedButAClockALittleAheadIsNot() {
        Instant ahead = NOW.plus(StepTime.CLOCK_SKEW_TOLERANCE);
        assertEquals(ahead, StepTime.of("occurredAt", ahead, NOW, OPENED));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StepTime.of("occurredAt", ahead.plusSeconds(1), NOW, OPENED));
        assertEquals(400, refused.status().getStatusCode());
        assertEquals("occurredAt 2026-11-24T09:00:31Z is in the future (now 2026-11-24T09:00:00Z)", refused.getMessage());
    }

    @Test
    void aStepBeforeTheOneItFollowsIsRefusedNamingIt() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StepTime.of("occurredAt", OPENED.at().minusSeconds(1), NOW, OPENED));
        assertEquals(400, refused.status().getStatusCode());
        assertEquals("occurredAt 2026-11-24T05:59:59Z is before the ticket was opened at 2026-11-24T06:00:00Z",
                refused.getMessage());
    }

    @Test
    void aStepReportedNowAfterOneDatedByAClockAheadOfOursTakesThatOnesTime() {
        StepTime.After resolved = new StepTime.After("the ticket became RESOLVED", NOW.plusSeconds(10));
        assertEquals(resolved.at(), StepTime.of("occurredAt", null, NOW, resolved));
    }
}
