package io.pledge.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hours during which an SLA clock runs: a promise such as "first response within 8 business
 * hours" only counts time when the desk is open.
 *
 * <p>A calendar lives in one IANA time zone, because opening hours are wall-clock hours of the
 * people who keep them. Each local date opens according to, in this order:
 * <ol>
 *   <li>its <em>special day</em> entry, if it has one — the make-up working days of Chinese holiday
 *       schedules (a Saturday that is worked) and shortened days. A special day wins even over a
 *       holiday on the same date: it is the more specific statement about that date, so an
 *       operator can re-open one day of a long holiday without editing the holiday list. An empty
 *       list makes the special day closed;</li>
 *   <li>otherwise nothing, if it is a <em>holiday</em>;</li>
 *   <li>otherwise its weekday's <em>weekly hours</em>; a weekday without any is closed.</li>
 * </ol>
 *
 * <p><b>Daylight saving.</b> Local opening and closing times become instants the way
 * {@link LocalDateTime#atZone(ZoneId)} resolves them, so a local interval that spans a change is
 * shorter (spring forward) or longer (fall back) in real time. A time that falls in the
 * spring-forward gap is shifted later by the length of the gap (02:30 on the day Berlin skips from
 * 02:00 to 03:00 becomes 03:30 CEST); a time that occurs twice at fall back means its first,
 * earlier occurrence. Shifting can make an interval reach into the next one, or even close before
 * it opens; open time still counts once: where intervals overlap in real time the overlap counts
 * once, and an interval that ends up closing before it opens counts nothing.
 *
 * <p><b>Precision.</b> Business time is counted in whole seconds. Instants and durations given to
 * the arithmetic are truncated to the whole second first, so {@code 10:00:00.900} counts as
 * {@code 10:00:00}.
 *
 * <p>Arithmetic walks day by day, adding whole intervals, so its cost grows with the number of
 * local days spanned, not with the length of the target: a year is a few hundred steps.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BusinessCalendar {

    private static final Pattern CLOCK_TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");

    /** How long {@link #due} looks for an opening before deciding the calendar never opens. */
    private static final int NO_OPENING_HORIZON_YEARS = 3;

    private static final BusinessCalendar TWENTY_FOUR_SEVEN = openEveryDayInUtc();

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningInterval>> weeklyHours;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, List<OpeningInterval>> specialDays;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpeningInterval>> weeklyHours, Set<LocalDate> holidays,
            Map<LocalDate, List<OpeningInterval>> specialDays) {
        this.zone = zone;
        this.weeklyHours = weeklyHours;
        this.holidays = holidays;
        this.specialDays = specialDays;
    }

    /**
     * A calendar in {@code zone}. Intervals of one day may come in any order; intervals that touch
     * (09:00-12:00 and 12:00-18:00) are joined, because the clock runs straight through them.
     *
     * @throws IllegalArgumentException naming the weekday or date concerned, if anything is null, an
     *         interval does not open before it closes, or two intervals of the same day overlap
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<OpeningInterval>> weeklyHours,
            Set<LocalDate> holidays, Map<LocalDate, List<OpeningInterval>> specialDays) {
        if (zone == null) {
            throw new IllegalArgumentException("a business calendar needs a time zone");
        }
        if (weeklyHours == null) {
            throw new IllegalArgumentException("weekly hours are missing (use an empty map for a calendar without any)");
        }
        if (holidays == null) {
            throw new IllegalArgumentException("holidays are missing (use an empty set for none)");
        }
        if (specialDays == null) {
            throw new IllegalArgumentException("special days are missing (use an empty map for none)");
        }
        Map<DayOfWeek, List<OpeningInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((dayOfWeek, intervals) -> {
            if (dayOfWeek == null) {
                throw new IllegalArgumentException("weekly hours are given for a null weekday");
            }
            weekly.put(dayOfWeek, joined(dayOfWeek.toString(), intervals));
        });
        Set<LocalDate> holidayDates = new HashSet<>();
        for (LocalDate holiday : holidays) {
            if (holiday == null) {
                throw new IllegalArgumentException("a holiday has no date");
            }
            holidayDates.add(holiday);
        }
        Map<LocalDate, List<OpeningInterval>> special = new HashMap<>();
        specialDays.forEach((date, intervals) -> {
            if (date == null) {
                throw new IllegalArgumentException("a special day has no date");
            }
            special.put(date, joined("special day " + date, intervals));
        });
        return new BusinessCalendar(zone, weekly, Set.copyOf(holidayDates), Map.copyOf(special));
    }

    /**
     * The calendar of the seeded promises (phone, chat, e-mail) that hold day and night: UTC, open
     * 00:00-24:00 every day, so business time equals real time.
     */
    public static BusinessCalendar twentyFourSeven() {
        return TWENTY_FOUR_SEVEN;
    }

    /**
     * Reads an opening or closing time as operators write it: "HH:mm", or "24:00" for a day that
     * closes at midnight. Being strict here keeps typos such as "9:00" or "18:60" out of stored
     * calendars. {@link OpeningInterval#parse} refuses "24:00" as an opening time.
     *
     * @return the second of the day, 0 to {@value OpeningInterval#END_OF_DAY}
     * @throws IllegalArgumentException if {@code text} is anything else
     */
    public static int parseTime(String text) {
        if (text == null || !CLOCK_TIME.matcher(text).matches()) {
            throw new IllegalArgumentException("a time of day must be written HH:mm (00:00 to 23:59, or 24:00 to close at midnight), not "
                    + (text == null ? "nothing" : '"' + text + '"'));
        }
        int hours = Integer.parseInt(text, 0, 2, 10);
        int minutes = Integer.parseInt(text, 3, 5, 10);
        return hours * 3600 + minutes * 60;
    }

    /** The zone whose wall clock the opening hours follow. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The hours that actually apply on {@code date} once holidays and special days are taken into
     * account, in order and with touching intervals joined; empty if the date is closed.
     */
    public List<OpeningInterval> openingOn(LocalDate date) {
        List<OpeningInterval> special = specialDays.get(date);
        if (special != null) {
            return special;
        }
        if (holidays.contains(date)) {
            return List.of();
        }
        return weeklyHours.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /**
     * The business time that runs between two instants: how much of an SLA target has been used
     * up. Zero if {@code to} is not after {@code from}.
     */
    public Duration elapsed(Instant from, Instant to) {
        long start = from.getEpochSecond();
        long end = to.getEpochSecond();
        if (end <= start) {
            return Duration.ZERO;
        }
        OpenPeriods periods = new OpenPeriods(start);
        LocalDate lastDay = LocalDate.ofInstant(Instant.ofEpochSecond(end), zone);
        long seconds = 0;
        for (OpenPeriod period = periods.next(lastDay); period != null && period.opens() < end; period = periods.next(lastDay)) {
            seconds += Math.min(period.closes(), end) - period.opens();
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * When a clock started at {@code start} with {@code target} business time breaches: the last
     * instant at which the business time elapsed since {@code start} has not yet exceeded the target.
     *
     * <p>So a target used up exactly at closing time is due at the next opening, not at the
     * closing: nothing more elapses while the desk is closed, and the promise is still kept until
     * the desk is open again. Likewise a clock started while closed effectively starts at the next
     * opening, and a zero target is due at {@code start} if the desk is open then, otherwise at the
     * next opening.
     *
     * @throws IllegalArgumentException if {@code target} is negative
     * @throws IllegalStateException if the calendar does not open at all for
     *         {@value #NO_OPENING_HORIZON_YEARS} years, since the promise could then never be due;
     *         the search stops there rather than walking forever
     */
    public Instant due(Instant start, Duration target) {
        if (target.isNegative()) {
            throw new IllegalArgumentException("an SLA target cannot be negative: " + target);
        }
        long remaining = target.getSeconds();
        OpenPeriods periods = new OpenPeriods(start.getEpochSecond());
        while (true) {
            LocalDate giveUpAfter = periods.day().plusYears(NO_OPENING_HORIZON_YEARS);
            OpenPeriod period = periods.next(giveUpAfter);
            if (period == null) {
                throw new IllegalStateException("the business calendar in " + zone + " has no opening hours for "
                        + NO_OPENING_HORIZON_YEARS + " years up to " + giveUpAfter + ", so a clock started at "
                        + start + " would never be due");
            }
            long length = period.closes() - period.opens();
            if (remaining < length) {
                return Instant.ofEpochSecond(period.opens() + remaining);
            }
            remaining -= length;
        }
    }

    private static BusinessCalendar openEveryDayInUtc() {
        Map<DayOfWeek, List<OpeningInterval>> everyDay = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            everyDay.put(day, List.of(new OpeningInterval(0, OpeningInterval.END_OF_DAY)));
        }
        return of(ZoneOffset.UTC, everyDay, Set.of(), Map.of());
    }

    private static List<OpeningInterval> joined(String day, List<OpeningInterval> intervals) {
        if (intervals == null) {
            throw new IllegalArgumentException("opening hours for " + day + " are missing (use an empty list for a closed day)");
        }
        List<OpeningInterval> byOpening = new ArrayList<>(intervals.size());
        for (OpeningInterval interval : intervals) {
            if (interval == null) {
                throw new IllegalArgumentException("an opening interval for " + day + " is missing");
            }
            if (interval.opensAtSecondOfDay() >= interval.closesAtSecondOfDay()) {
                throw new IllegalArgumentException("opening interval " + interval + " for " + day
                        + " is empty or inverted: it must open before it closes");
            }
            byOpening.add(interval);
        }
        byOpening.sort(Comparator.comparingInt(OpeningInterval::opensAtSecondOfDay));
        List<OpeningInterval> joined = new ArrayList<>(byOpening.size());
        for (OpeningInterval interval : byOpening) {
            int last = joined.size() - 1;
            OpeningInterval previous = last < 0 ? null : joined.get(last);
            if (previous == null || interval.opensAtSecondOfDay() > previous.closesAtSecondOfDay()) {
                joined.add(interval);
            } else if (interval.opensAtSecondOfDay() == previous.closesAtSecondOfDay()) {
                joined.set(last, new OpeningInterval(previous.opensAtSecondOfDay(), interval.closesAtSecondOfDay()));
            } else {
                throw new IllegalArgumentException("opening intervals " + previous + " and " + interval + " for " + day + " overlap");
            }
        }
        return List.copyOf(joined);
    }

    private long epochSecondOf(LocalDate date, int secondOfDay) {
        return date.atStartOfDay().plusSeconds(secondOfDay).atZone(zone).toEpochSecond();
    }

    /** A stretch of open time in epoch seconds, {@code opens} included, {@code closes} excluded. */
    private record OpenPeriod(long opens, long closes) {
    }

    /**
     * The open periods from an instant onwards, in order, clipped to start no earlier than that
     * instant and never overlapping one another (see the daylight-saving note on the class).
     */
    private final class OpenPeriods {

        private LocalDate day;
        private List<OpeningInterval> intervals;
        private int next;
        private long countedUntil;

        OpenPeriods(long fromEpochSecond) {
            // The day before too: a spring-forward gap around midnight can shift that day's closing
            // time into the start's day.
            day = LocalDate.ofInstant(Instant.ofEpochSecond(fromEpochSecond), zone).minusDays(1);
            intervals = openingOn(day);
            countedUntil = fromEpochSecond;
        }

        /** The local date the walk has reached: that of the last period returned, at first the day before the start. */
        LocalDate day() {
            return day;
        }

        /** The next open period, or null if there is none on any date up to {@code lastDay}. */
        OpenPeriod next(LocalDate lastDay) {
            while (true) {
                while (next < intervals.size()) {
                    OpeningInterval interval = intervals.get(next++);
                    long opens = Math.max(epochSecondOf(day, interval.opensAtSecondOfDay()), countedUntil);
                    long closes = epochSecondOf(day, interval.closesAtSecondOfDay());
                    if (closes > opens) {
                        countedUntil = closes;
                        return new OpenPeriod(opens, closes);
                    }
                }
                if (!day.isBefore(lastDay)) {
                    return null;
                }
                day = day.plusDays(1);
                intervals = openingOn(day);
                next = 0;
            }
        }
    }
}
