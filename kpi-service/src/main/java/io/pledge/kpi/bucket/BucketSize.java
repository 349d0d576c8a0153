package io.pledge.kpi.bucket;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The time buckets KPIs are counted in. Buckets follow the business time zone: a "day" is a local
 * day there (23 or 25 hours long across a daylight-saving change), a week starts on Monday.
 */
public enum BucketSize {
    HOUR, DAY, WEEK, MONTH;

    /** The instant the bucket holding {@code instant} starts, in {@code zone}. */
    public Instant startOf(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime start = switch (this) {
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> local.toLocalDate().atStartOfDay(zone);
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
        return start.toInstant();
    }
}
