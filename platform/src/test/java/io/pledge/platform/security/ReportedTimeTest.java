package io.pledge.platform.security;

import io.pledge.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Trustworthy time (blueprint §6): agents act now, integrations report late facts within a window. */
class ReportedTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Duration LATE_AFTER = Duration.ofMinutes(2);
    private static final Scope AGENT = new Scope("li.na", Set.of(Roles.AGENT), Set.of("a"), Set.of(), Optional.empty());
    private static final Scope CRM = new Scope("crm", Set.of(Roles.INTEGRATION), Set.of(), Set.of(), Optional.of("crm"));

    private static ReportedTime of(Instant claimed, Scope caller) {
        return ReportedTime.of("occurredAt", claimed, caller, NOW, WINDOW, LATE_AFTER);
    }

    @Test
    void noTimeIsNow() {
        assertEquals(new ReportedTime(NOW, false), of(null, AGENT));
    }

    @Test
    void anIntegrationsTimeWithinTheSkewIsTakenAsGivenAndNotLate() {
        assertEquals(new ReportedTime(NOW.minusSeconds(90), false), of(NOW.minusSeconds(90), CRM));
    }

    @Test
    void anAgentsTimeWithinTheSkewIsRecordedAsNow() {
        assertEquals(new ReportedTime(NOW, false), of(NOW.minusSeconds(90), AGENT));
    }

    @Test
    void anAgentsEarlierTimeIsRefusedWith403() {
        ProblemException refused = assertThrows(ProblemException.class, () -> of(NOW.minusSeconds(3600), AGENT));
        assertEquals(403, refused.status().getStatusCode());
    }

    @Test
    void anIntegrationsEarlierTimeWithinTheWindowIsLate() {
        assertEquals(new ReportedTime(NOW.minus(Duration.ofDays(2)), true), of(NOW.minus(Duration.ofDays(2)), CRM));
    }

    @Test
    void beforeTheWindowOrInTheFutureIs422() {
        assertEquals(422, assertThrows(ProblemException.class, () -> of(NOW.minus(Duration.ofDays(8)), CRM)).status().getStatusCode());
        assertEquals(422, assertThrows(ProblemException.class, () -> of(NOW.plusSeconds(600), CRM)).status().getStatusCode());
    }
}
