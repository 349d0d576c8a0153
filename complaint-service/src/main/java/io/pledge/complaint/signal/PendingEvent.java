package io.pledge.complaint.signal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event waiting for the complaint it concerns to be registered. */
@Entity
@Table(name = "pending_event")
public class PendingEvent {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String source;

    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    /** The event's data, as JSON. */
    @Column(nullable = false)
    public String data;

    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;
}
