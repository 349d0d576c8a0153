package io.pledge.intake.onsite;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A technician's visit to the customer for a ticket. Never leaves the service as such: see
 * {@link VisitView}. Its steps are serialised through the ticket's version (TicketWork.forStep).
 */
@Entity
@Table(name = "on_site_visit")
public class OnSiteVisit {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    public String technician;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    public String outcome;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public VisitSteps.Step step() {
        return VisitSteps.of(dispatchedAt, completedAt);
    }
}
