package io.pledge.notify.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * What happens after an attempt (pure): a 2xx is delivered; a timeout, a connection error, a 5xx,
 * 408 or 429 is tried again after the schedule's next wait (with jitter), or later if the receiver's
 * Retry-After asks for it; any other answer (3xx included: redirects are not followed, 4xx) is final,
 * and so is a failure once the schedule is used up.
 */
public final class RetryPolicy {

    /** After an attempt: delivered, again at {@code nextAttempt}, or given up. */
    public record Decision(Outcome outcome, Instant nextAttempt) {
        public enum Outcome { DELIVERED, RETRY, FAILED }
    }

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration longestRetryAfter;
    private final DoubleSupplier random;

    /**
     * @param schedule the wait before each attempt; element 0 before the first
     * @param random   uniform in [0, 1): the jitter's source
     */
    public RetryPolicy(List<Duration> schedule, double jitter, Duration longestRetryAfter, DoubleSupplier random) {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one attempt");
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.longestRetryAfter = longestRetryAfter;
        this.random = random;
    }

    /** When a new delivery's first attempt is due. */
    public Instant firstAttempt(Instant now) {
        return now.plus(vary(schedule.get(0)));
    }

    /**
     * @param attempts   attempts made so far, this one included
     * @param status     the receiver's status, or null when no answer came
     * @param retryAfter the receiver's Retry-After header, if any
     */
    public Decision after(int attempts, Integer status, String retryAfter, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision(Decision.Outcome.DELIVERED, null);
        }
        if (!retryable(status) || attempts >= schedule.size()) {
            return new Decision(Decision.Outcome.FAILED, null);
        }
        Instant next = now.plus(vary(schedule.get(attempts)));
        Instant asked = retryAfter == null || status == null || (status != 429 && status != 503)
                ? null : retryAfter(retryAfter, now);
        if (asked != null && asked.isAfter(next)) {
            Instant latest = now.plus(longestRetryAfter);
            next = asked.isAfter(latest) ? latest : asked;
        }
        return new Decision(Decision.Outcome.RETRY, next);
    }

    /** Whether the answer (null: none) is worth another attempt. */
    public static boolean retryable(Integer status) {
        return status == null || status >= 500 || status == 408 || status == 429;
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null if it is neither. */
    static Instant retryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : now.plusSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private Duration vary(Duration wait) {
        if (jitter == 0 || wait.isZero()) {
            return wait;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }
}
