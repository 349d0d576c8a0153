package io.pledge.intake.onsite;

import io.pledge.intake.onsite.VisitSteps.Move;
import io.pledge.intake.onsite.VisitSteps.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VisitStepsTest {

    @Test
    void aVisitIsDispatchedWhenRequestedAndCompletedWhenDispatched() {
        assertDoesNotThrow(() -> VisitSteps.check(Step.REQUESTED, Move.DISPATCH));
        assertDoesNotThrow(() -> VisitSteps.check(Step.DISPATCHED, Move.COMPLETE));
    }

    @Test
    void anyOtherMoveIsRefusedNamingTheNextStep() {
        assertEquals("cannot complete the visit: it is REQUESTED; next: dispatch", refused(Step.REQUESTED, Move.COMPLETE));
        assertEquals("cannot dispatch the visit: it is DISPATCHED; next: complete", refused(Step.DISPATCHED, Move.DISPATCH));
        assertEquals("cannot dispatch the visit: it is COMPLETED; nothing is left to do (request a new visit if another is needed)",
                refused(Step.COMPLETED, Move.DISPATCH));
        assertThrows(VisitSteps.IllegalStep.class, () -> VisitSteps.check(Step.COMPLETED, Move.COMPLETE));
    }

    @Test
    void theStepFollowsFromTheTimesRecorded() {
        Instant at = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(Step.REQUESTED, VisitSteps.of(null, null));
        assertEquals(Step.DISPATCHED, VisitSteps.of(at, null));
        assertEquals(Step.COMPLETED, VisitSteps.of(at, at.plusSeconds(3600)));
    }

    private static String refused(Step step, Move move) {
        return assertThrows(VisitSteps.IllegalStep.class, () -> VisitSteps.check(step, move)).getMessage();
    }
}
