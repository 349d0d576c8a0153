package io.pledge.complaint.followup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * "Within N working days" for the follow-up visit: Monday to Friday in a time zone, minus
 * holidays, keeping the time of day. (Opening hours and make-up days are sla-service's business
 * calendars; a follow-up deadline only needs whole days.)
 */
public final class WorkingDays {

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public WorkingDays(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(date);
    }

    /** The same local time {@code days} working days after {@code from} (a day off in between does not count). */
    public Instant add(Instant from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        ZonedDateTime at = from.atZone(zone);
        int counted = 0;
        while (counted < days) {
            at = at.plusDays(1);
            if (isWorkingDay(at.toLocalDate())) {
                counted++;
            }
        }
        return at.toInstant();
    }
}
