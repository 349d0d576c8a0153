package io.pledge.complaint.complaint;

import io.pledge.complaint.complaint.EscalationMatrix.Level;
import io.pledge.complaint.complaint.EscalationMatrix.RepeatLine;
import io.pledge.complaint.complaint.EscalationMatrix.SeverityLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EscalationMatrixTest {

    private static final List<Level> LEVELS = List.of(
            new Level(1, "handling department", List.of("department"), Duration.ofHours(24)),
            new Level(2, "supervisor", List.of("supervisor"), Duration.ofHours(24)),
            new Level(3, "committee", List.of("committee"), Duration.ofHours(48)),
            new Level(4, "mediation", List.of("mediator"), Duration.ofDays(5)));

    private final EscalationMatrix matrix = new EscalationMatrix(LEVELS, new SeverityLine(Severity.MAJOR, 2),
            new RepeatLine(3, 3));

    @Test
    void eachLevelHasTheNextAboveItAndTheTopHasNone() {
        assertEquals(2, matrix.above(1).orElseThrow().number());
        assertEquals(4, matrix.above(3).orElseThrow().number());
        assertEquals(Optional.empty(), matrix.above(4));
        assertEquals(4, matrix.top());
    }

    @Test
    void theNewLevelHasItsContactTimeFromTheEscalation() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), matrix.contactBy(2, at));
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), matrix.contactBy(3, at));
    }

    @Test
    void severityAtOrAboveTheLineAsksForItsLevel() {
        assertEquals(2, matrix.forSeverity(Severity.CRITICAL).orElseThrow().number());
        assertEquals(2, matrix.forSeverity(Severity.MAJOR).orElseThrow().number());
        assertEquals(Optional.empty(), matrix.forSeverity(Severity.MODERATE));
    }

    @Test
    void theNthRepeatAsksForItsLevel() {
        assertEquals(Optional.empty(), matrix.forRepeat(2));
        assertEquals(3, matrix.forRepeat(3).orElseThrow().number());
        assertEquals(3, matrix.forRepeat(7).orElseThrow().number());
    }

    @Test
    void aMatrixThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EscalationMatrix(List.of(),
                new SeverityLine(Severity.CRITICAL, 2), new RepeatLine(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> new EscalationMatrix(LEVELS.subList(0, 2),
                new SeverityLine(Severity.CRITICAL, 3), new RepeatLine(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> new EscalationMatrix(LEVELS,
                new SeverityLine(Severity.CRITICAL, 2), new RepeatLine(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> new EscalationMatrix(List.of(LEVELS.get(1)),
                new SeverityLine(Severity.CRITICAL, 1), new RepeatLine(3, 1)));
    }
}
