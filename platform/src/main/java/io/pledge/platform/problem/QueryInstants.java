package io.pledge.platform.problem;

import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Instants given as query parameters: UTC ISO-8601, or a 400 that says what is expected. */
public final class QueryInstants {

    /** {@code text} as an instant; null stays null. */
    public static Instant parse(String name, String text) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    name + " must be a UTC ISO-8601 instant, e.g. 2026-11-24T09:00:00Z");
        }
        if (!StrictJson.storable(instant)) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    name + " must lie between " + StrictJson.EARLIEST + " and " + StrictJson.LATEST);
        }
        return instant;
    }

    private QueryInstants() {
    }
}
