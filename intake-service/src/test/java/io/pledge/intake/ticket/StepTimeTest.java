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
        assertEquals(late, StepTime.after("occurredAt", true, late, OPENED));
        assertEquals(OPENED.at(), StepTime.after("occurredAt", true, OPENED.at(), OPENED));
        assertEquals(NOW, StepTime.after("occurredAt", false, NOW, OPENED));
    }

    @Test
    void aStepBeforeTheOneItFollowsIsRefusedNamingIt() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StepTime.after("occurredAt", true, OPENED.at().minusSeconds(1), OPENED));
        assertEquals(400, refused.status().getStatusCode());
        assertEquals("occurredAt 2026-11-24T05:59:59Z is before the ticket was opened at 2026-11-24T06:00:00Z",
                refused.getMessage());
    }

    @Test
    void aStepReportedNowAfterOneDatedByAClockAheadOfOursTakesThatOnesTime() {
        StepTime.After resolved = new StepTime.After("the ticket became RESOLVED", NOW.plusSeconds(10));
        assertEquals(resolved.at(), StepTime.after("occurredAt", false, NOW, resolved));
    }
}
