package io.pledge.sla.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A business calendar as operators write it (the body of POST and PUT /api/v1/calendars). */
@Schema(name = "CalendarDefinition")
public record CalendarDefinition(
        @NotBlank @Size(max = 200) String name,
        @Schema(examples = "Asia/Shanghai") @NotBlank @Size(max = 64) String timeZone,
        @Schema(description = "Opening hours per weekday; days left out are closed.")
        Map<DayOfWeek, @Size(max = 24) List<@Valid @NotNull Hours>> weeklyHours,
        @Schema(description = "Whole local dates closed.") @Size(max = 1000) List<@NotNull LocalDate> holidays,
        @Schema(description = "Local dates whose hours replace the weekly ones (make-up working days, shortened days).")
        @Size(max = 1000) List<@Valid @NotNull SpecialDay> specialDays) {

    /** An opening interval in local time, "HH:mm"; "24:00" closes at midnight. */
    @Schema(name = "OpeningHours")
    public record Hours(@Schema(examples = "09:00") @NotNull String start, @Schema(examples = "18:00") @NotNull String end) {
    }

    @Schema(name = "SpecialDay")
    public record SpecialDay(@NotNull LocalDate date, @Size(max = 24) List<@Valid @NotNull Hours> hours) {
    }

    /**
     * The calendar this definition describes.
     *
     * @throws IllegalArgumentException naming what is wrong: unknown zone, bad time text, inverted
     *                                  or overlapping intervals, a date given twice
     */
    public BusinessCalendar toCalendar() {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "' (use an IANA name such as Asia/Shanghai)");
        }
        Map<DayOfWeek, List<OpeningInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        Objects.requireNonNullElse(weeklyHours, Map.<DayOfWeek, List<Hours>>of())
                .forEach((day, hours) -> weekly.put(day, intervals(hours, day.toString())));
        Map<LocalDate, List<OpeningInterval>> special = new HashMap<>();
        for (SpecialDay day : Objects.requireNonNullElse(specialDays, List.<SpecialDay>of())) {
            if (special.put(day.date(), intervals(day.hours(), "special day " + day.date())) != null) {
                throw new IllegalArgumentException("special day " + day.date() + " is given twice");
            }
        }
        return BusinessCalendar.of(zone, weekly, new HashSet<>(Objects.requireNonNullElse(holidays, List.of())), special);
    }

    private static List<OpeningInterval> intervals(List<Hours> hours, String where) {
        try {
            return Objects.requireNonNullElse(hours, List.<Hours>of()).stream()
                    .map(h -> OpeningInterval.parse(h.start(), h.end())).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
