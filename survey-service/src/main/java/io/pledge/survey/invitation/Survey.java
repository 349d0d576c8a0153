package io.pledge.survey.invitation;

import io.pledge.survey.template.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** One ticket's satisfaction survey: its invitation, its tokens (hashed) and its answer. */
@Entity
@Table(name = "survey")
public class Survey {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, unique = true)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "template_id", nullable = false)
    public String templateId;

    /** The template's questions as they were when the survey was scheduled (JSON). */
    @Column(nullable = false)
    public String questions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyState state;

    /** Why it was skipped or cancelled. */
    @Column(name = "skip_reason")
    public String skipReason;

    /** When the ticket was resolved (or the complaint closed). */
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "send_at", nullable = false)
    public Instant sendAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "remind_at")
    public Instant remindAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** SHA-256 of the invitation's token; the token itself is never stored. */
    @Column(name = "token_hash", unique = true)
    public byte[] tokenHash;

    /** SHA-256 of the reminder's token. */
    @Column(name = "reminder_hash", unique = true)
    public byte[] reminderHash;

    /** The answer as recorded (JSON). */
    public String answers;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    public int version;
}
