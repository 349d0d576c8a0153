package io.pledge.notify.webhook;

import io.pledge.notify.webhook.RetryPolicy.Decision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What follows an attempt: delivered, tried again when, or given up. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final List<Duration> SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    private final RetryPolicy policy = new RetryPolicy(SCHEDULE, 0, Duration.ofHours(10), () -> 0.5);

    @Test
    void aSuccessIsDelivered() {
        assertEquals(Outcome.DELIVERED, policy.after(1, 204, null, NOW).outcome());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void aServerErrorATimeoutOrTooManyRequestsIsTriedAgainAfterTheSchedulesNextWait(int status) {
        RetryPolicy.Decision decision = policy.after(2, status, null, NOW);
        assertEquals(Outcome.RETRY, decision.outcome());
        assertEquals(NOW.plus(Duration.ofMinutes(5)), decision.nextAttempt());
    }

    @Test
    void noAnswerAtAllIsTriedAgain() {
        assertEquals(NOW.plusSeconds(5), policy.after(1, null, null, NOW).nextAttempt());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422, 301, 302})
    void anyOtherAnswerIsFinal(int status) {
        RetryPolicy.Decision decision = policy.after(1, status, null, NOW);
        assertEquals(Outcome.FAILED, decision.outcome());
        assertNull(decision.nextAttempt());
    }

    @Test
    void theScheduleCoversMoreThanADayAndThenGivesUp() {
        Duration total = SCHEDULE.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(true, total.compareTo(Duration.ofHours(24)) > 0);
        assertEquals(Outcome.RETRY, policy.after(7, 503, null, NOW).outcome());
        assertEquals(Outcome.FAILED, policy.after(8, 503, null, NOW).outcome());
    }

    @Test
    void aLongerRetryAfterIsHonouredInSecondsOrAsADate() {
        // after the first attempt the schedule says 5 s; the receiver asks for 2 min
        assertEquals(NOW.plusSeconds(120), policy.after(1, 429, "120", NOW).nextAttempt());
        // a shorter Retry-After does not hasten the schedule (5 min after the second)
        assertEquals(NOW.plus(Duration.ofMinutes(5)), policy.after(2, 429, "120", NOW).nextAttempt());
        assertEquals(NOW.plus(Duration.ofHours(1)), policy.after(1, 503, "Wed, 02 Dec 2026 10:00:00 GMT", NOW).nextAttempt());
    }

    @Test
    void aRetryAfterBeyondTheLongestIsCutToIt() {
        assertEquals(NOW.plus(Duration.ofHours(10)), policy.after(1, 429, "864000", NOW).nextAttempt());
    }

    @Test
    void retryAfterIsIgnoredOnOtherStatusesAndWhenUnreadable() {
        assertEquals(NOW.plusSeconds(5), policy.after(1, 500, "3600", NOW).nextAttempt());
        assertEquals(NOW.plusSeconds(5), policy.after(1, 503, "soon", NOW).nextAttempt());
    }

    @Test
    void jitterVariesEachWaitWithinItsFraction() {
        RetryPolicy low = new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(10), () -> 0.0);
        RetryPolicy high = new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(10), () -> 0.999_999);
        assertEquals(NOW.plusSeconds(4), low.after(1, 503, null, NOW).nextAttempt());
        assertEquals(NOW.plusSeconds(6), high.after(1, 503, null, NOW).nextAttempt());
    }
}
