package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A complaint (投诉) about one ticket, on its way through the complaint procedure. */
@Entity
@Table(name = "complaint")
public class Complaint {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, unique = true)
    public UUID ticketId;

    /** The CRM's id of the customer (for repeat complaints); no contact data. */
    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ComplaintState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Subject subject;

    /** The department responsible for handling it, once routed. */
    public String department;

    /** Its level in the escalation matrix: 1 (handling department) and up. */
    @Column(nullable = false)
    public int level;

    /** This is the customer's Nth complaint within the repeat window (1: not a repeat). */
    @Column(name = "repeat_count", nullable = false)
    public int repeatCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    public String team;

    public String agent;

    public String description;

    /** Event time of the contact that raised it. */
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    /** Who registered it by REST; null when a complaint ticket registered it. */
    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "acknowledge_by", nullable = false)
    public Instant acknowledgeBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** When the current level must have reached the customer; null at L1 (acknowledgement is its contact). */
    @Column(name = "contact_by")
    public Instant contactBy;

    /** When the current level reached the customer. */
    @Column(name = "contacted_at")
    public Instant contactedAt;

    /** How many resolutions have been proposed: a rejection escalates once per proposal. */
    @Column(nullable = false)
    public int proposals;

    /** The latest proposed resolution. */
    public String proposal;

    /** When the customer accepted the latest proposal. */
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** How many follow-up visits have been recorded: an unsatisfied one escalates once per visit. */
    @Column(name = "follow_ups", nullable = false)
    public int followUps;

    @Column(name = "follow_up_due")
    public Instant followUpDue;

    @Column(name = "follow_up_outcome")
    public String followUpOutcome;

    @Column(name = "follow_up_notes")
    public String followUpNotes;

    @Enumerated(EnumType.STRING)
    @Column(name = "root_cause")
    public RootCause rootCause;

    @Column(name = "corrective_action")
    public String correctiveAction;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Optimistic lock; also the complaint's ETag. */
    @Version
    public int version;

    /** Whether a deadline of its current step has passed at {@code now}. */
    public boolean overdueAt(Instant now) {
        return switch (state) {
            case CLOSED -> false;
            case REGISTERED -> acknowledgeBy.isBefore(now) || contactOverdueAt(now);
            case FOLLOW_UP -> followUpDue.isBefore(now) || contactOverdueAt(now);
            default -> contactOverdueAt(now);
        };
    }

    private boolean contactOverdueAt(Instant now) {
        return contactBy != null && contactedAt == null && contactBy.isBefore(now);
    }
}
