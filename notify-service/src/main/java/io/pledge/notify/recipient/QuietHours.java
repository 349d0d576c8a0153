package io.pledge.notify.recipient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A person's quiet hours: local times in their time zone, every day. {@code start} after
 * {@code end} spans midnight (22:00–07:00). Pure.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours start and end at the same time");
        }
    }

    /**
     * When the quiet hours that {@code at} falls in end, in {@code zone}; empty when {@code at}
     * is outside them. A daylight-saving gap at the end moves it forward, as the zone's rules say.
     */
    public Optional<Instant> endAfter(Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalTime time = local.toLocalTime();
        LocalDate endDay;
        if (start.isBefore(end)) {
            if (time.isBefore(start) || !time.isBefore(end)) {
                return Optional.empty();
            }
            endDay = local.toLocalDate();
        } else if (!time.isBefore(start)) {
            endDay = local.toLocalDate().plusDays(1);
        } else if (time.isBefore(end)) {
            endDay = local.toLocalDate();
        } else {
            return Optional.empty();
        }
        return Optional.of(endDay.atTime(end).atZone(zone).toInstant());
    }
}
