package io.pledge.sla.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A stored business calendar: its definition as JSON, from which {@link BusinessCalendar} is built. */
@Entity
@Table(name = "business_calendar")
public class CalendarEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** The {@link CalendarDefinition} as JSON. */
    @Column(nullable = false)
    public String definition;

    /** Shipped with the product (24x7, workdays): read-only. */
    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
