package io.pledge.sla.clock;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One timed promise about one ticket. */
@Entity
@Table(name = "sla_clock")
public class SlaClock {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String metric;

    @Column(name = "policy_id", nullable = false)
    public String policyId;

    @Column(name = "target_seconds", nullable = false)
    public long targetSeconds;

    @Column(name = "calendar_id", nullable = false)
    public String calendarId;

    /** Event time of what started the clock, never its arrival time. */
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaClockState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    public String team;

    public String agent;

    @Version
    public int version;

    public Duration target() {
        return Duration.ofSeconds(targetSeconds);
    }
}
