package io.pledge.complaint.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step of a complaint's way through the procedure: what, who, when. */
@Entity
@Table(name = "complaint_step")
public class ComplaintStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    /**
     * The event type the step published, e.g. complaint.acknowledged; or a decision that published
     * nothing: escalation-stands (a retracted cause whose escalation stays, with the reason in detail).
     */
    @Column(nullable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public ComplaintState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    public ComplaintState toState;

    @Column(nullable = false)
    public int level;

    /** The user (JWT subject) who took the step; null for steps caused by events. */
    public String actor;

    @Column(nullable = false)
    public Instant at;

    public String detail;
}
