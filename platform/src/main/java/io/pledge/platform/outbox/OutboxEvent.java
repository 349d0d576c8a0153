package io.pledge.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting to be published: written in the same transaction as the state change that
 * caused it, deleted by the relay once Kafka has acknowledged it.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Insertion order; the relay publishes each lane in this order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "event_key", nullable = false, updatable = false)
    public String key;

    @Column(nullable = false, updatable = false)
    public int lane;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String type;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "event_time", nullable = false, updatable = false)
    public Instant time;

    @Column(name = "data_schema", nullable = false, updatable = false)
    public String dataSchema;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
