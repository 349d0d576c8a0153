package io.pledge.sla.calendar;

/**
 * One stretch of opening hours on a local day, from {@code opensAtSecondOfDay} (included) to
 * {@code closesAtSecondOfDay} (excluded).
 *
 * <p>Times are kept as seconds of the day rather than {@link java.time.LocalTime} because an
 * office that works until midnight closes at 24:00, which {@code LocalTime} cannot express: here it
 * is simply {@value #END_OF_DAY}. Whether an interval is empty, inverted or overlaps another one is
 * checked by {@link BusinessCalendar}, which can name the day in its message.
 */
public record OpeningInterval(int opensAtSecondOfDay, int closesAtSecondOfDay) {

    /** Midnight at the end of the day, 24:00. */
    public static final int END_OF_DAY = 24 * 60 * 60;

    public OpeningInterval {
        if (opensAtSecondOfDay < 0 || opensAtSecondOfDay >= END_OF_DAY) {
            throw new IllegalArgumentException("an opening interval must open between 00:00 and 23:59:59, not at second "
                    + opensAtSecondOfDay + " of the day");
        }
        if (closesAtSecondOfDay < 0 || closesAtSecondOfDay > END_OF_DAY) {
            throw new IllegalArgumentException("an opening interval must close between 00:00 and 24:00, not at second "
                    + closesAtSecondOfDay + " of the day");
        }
    }

    /**
     * Reads the "HH:mm" pair an operator types, such as {@code parse("18:00", "24:00")}. "24:00" is
     * refused as an opening time: hours that start at midnight belong to the next day, at 00:00.
     */
    public static OpeningInterval parse(String opensAt, String closesAt) {
        int opens = BusinessCalendar.parseTime(opensAt);
        if (opens == END_OF_DAY) {
            throw new IllegalArgumentException("24:00 can only close an opening interval, not open one (use 00:00)");
        }
        return new OpeningInterval(opens, BusinessCalendar.parseTime(closesAt));
    }

    /** The form operators write, e.g. "09:00-18:00" or "18:00-24:00". */
    @Override
    public String toString() {
        return clockText(opensAtSecondOfDay) + "-" + clockText(closesAtSecondOfDay);
    }

    private static String clockText(int secondOfDay) {
        int hours = secondOfDay / 3600;
        int minutes = secondOfDay / 60 % 60;
        int seconds = secondOfDay % 60;
        return seconds == 0
                ? String.format("%02d:%02d", hours, minutes)
                : String.format("%02d:%02d:%02d", hours, minutes, seconds);
    }
}
