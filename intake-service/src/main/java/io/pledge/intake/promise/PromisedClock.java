package io.pledge.intake.promise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One SLA clock of a ticket as pledge.sla told it (see {@link ClockKnowledge}); never leaves the service. */
@Entity
@Table(name = "promised_clock")
public class PromisedClock {

    @Id
    @Column(name = "clock_id")
    public UUID clockId;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String metric;

    @Column(name = "cycle_started_at")
    public Instant cycleStartedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    ClockKnowledge knowledge() {
        return new ClockKnowledge(metric, cycleStartedAt, dueAt, stoppedAt, cancelledAt);
    }

    void remember(ClockKnowledge known) {
        metric = known.metric();
        cycleStartedAt = known.cycleStartedAt();
        dueAt = known.dueAt();
        stoppedAt = known.stoppedAt();
        cancelledAt = known.cancelledAt();
    }
}
