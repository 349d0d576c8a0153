package io.pledge.sla.clock;

import io.pledge.contracts.sla.SlaClockFacts;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One timed promise about one ticket. Its truth is its marks ({@link SlaClockMark}, replayed by
 * {@link ClockTimeline}); the columns here are the latest reading and what has been announced,
 * so that each warning, breach and outcome is published once.
 */
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

    /** Percent of the target at which to warn, ascending, e.g. "50,75,90". */
    @Column(name = "warning_thresholds", nullable = false)
    public String warningThresholds;

    /** Event time of the first start, never the arrival time. */
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "cycle_started_at")
    public Instant cycleStartedAt;

    /** While running: the last instant at which the promise is still kept. */
    @Column(name = "due_at")
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaClockState state;

    @Column(name = "elapsed_seconds", nullable = false)
    public long elapsedSeconds;

    @Column(name = "paused_seconds", nullable = false)
    public long pausedSeconds;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    /** How many of the thresholds have been announced in this cycle. */
    @Column(name = "warnings_announced", nullable = false)
    public int warningsAnnounced;

    @Column(name = "breach_announced", nullable = false)
    public boolean breachAnnounced;

    /** MET, BREACHED or CANCELLED once announced for this cycle. */
    @Column(name = "outcome_announced")
    public String outcomeAnnounced;

    /** When the alarm scan should look at this clock next (a warning or the breach); null when nothing is pending. */
    @Column(name = "next_alert_at")
    public Instant nextAlertAt;

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

    public List<Integer> thresholds() {
        return warningThresholds.isBlank() ? List.of()
                : Arrays.stream(warningThresholds.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    public SlaClockFacts facts() {
        return new SlaClockFacts(id, ticketId, metric, policyId, target(), calendarId, channel, category, priority, team,
                agent);
    }
}
