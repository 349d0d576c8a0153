package io.pledge.platform.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A {@code timestamptz} read by a native query, as an instant: drivers and Hibernate versions hand back different types. */
public final class JdbcInstants {

    /** Null for null; otherwise a {@link Timestamp}, {@link OffsetDateTime} or {@link Instant} as an instant. */
    public static Instant of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((OffsetDateTime) value).toInstant();
    }

    private JdbcInstants() {
    }
}
