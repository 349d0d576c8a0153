package io.pledge.sla.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A stored SLA policy: its place in the order and its {@link PolicyDefinition} as JSON. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy {

    @Id
    public String id;

    /** Lower comes first; the first matching policy applies. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
