package io.pledge.kpi.measure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a KPI value is broken down by: {@code all}, or {@code channel=PHONE}, {@code team=billing}...
 */
public record Dimension(String name, String value) {

    public static final Dimension ALL = new Dimension("all", "all");

    /** The dimensions the API and the events know. */
    public static final String NAMES = "channel|category|priority|team|agent|department";

    private static final Pattern TEXT = Pattern.compile("all|(" + NAMES + ")=([^=/]{1,128})");

    /** Parses {@code all} or {@code name=value}; throws IllegalArgumentException otherwise. */
    public static Dimension parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("dimension must be 'all' or one of " + NAMES + " as name=value");
        }
        return m.group(1) == null ? ALL : new Dimension(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return this.equals(ALL) ? "all" : name + "=" + value;
    }
}
