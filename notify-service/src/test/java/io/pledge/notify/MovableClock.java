package io.pledge.notify;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The tests' clock: real time moved forward by what tests asked for, so that quiet hours end and
 * a minute's digest falls due without sleeping. Replaces the platform's default clock in
 * notify-service's tests; it only ever moves forward, so tests that do not move it see time pass
 * as usual (and only relative times matter to them).
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
        throw new UnsupportedOperationException("notify-service works in UTC");
    }
}
