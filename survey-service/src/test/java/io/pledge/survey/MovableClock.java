package io.pledge.survey;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The tests' clock: real time moved forward by what tests asked for, so reminders and expiry are
 * reached without sleeping. Replaces the platform's default clock in survey-service's tests; it
 * only ever moves forward, so tests that do not move it see time as usual.
 */
@Singleton
public class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public synchronized void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    /** Now by this clock, to whole seconds (event times in tests). */
    public Instant now() {
        return instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("survey-service works in UTC");
    }
}
