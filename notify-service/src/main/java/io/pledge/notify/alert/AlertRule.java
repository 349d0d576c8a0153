package io.pledge.notify.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A stored alert rule: its definition as JSON, type and enabled repeated for the lookup per event. */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    @Id
    public String id;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public String definition;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
