package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A customer contact being handled. Never leaves the service as such: see {@link TicketView}. */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    public UUID id;

    @Column(name = "source_system", nullable = false)
    public String sourceSystem;

    /** The CRM's own id for this contact; unique per source system. */
    @Column(name = "external_reference")
    public String externalReference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    /** When the ticket entered its status: the next status change, even one reported late, comes after it. */
    @Column(name = "status_since", nullable = false)
    public Instant statusSince;

    @Column(nullable = false)
    public String subject;

    public String description;

    /** The CRM's id of the customer (what events carry). */
    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** The customer row holding the encrypted contact data. */
    @Column(name = "customer_ref")
    public UUID customerRef;

    @Column(name = "customer_tier")
    public String customerTier;

    public String team;

    public String agent;

    public String department;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags;

    /** When the contact happened (the CRM may report it after the fact). */
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The earliest public agent reply (or call answer) known so far. */
    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "agent_replies", nullable = false)
    public int agentReplies;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    @Column(name = "resolution_code")
    public String resolutionCode;

    @Column(name = "resolution_summary")
    public String resolutionSummary;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The last message the customer may see, for the tracking page. */
    @Column(name = "last_public_update_at")
    public Instant lastPublicUpdateAt;

    @Column(name = "last_public_update_text")
    public String lastPublicUpdateText;

    /** SHA-256 of the tracking token: the look-up key of GET /api/v1/track/{token}. */
    @Column(name = "tracking_token_hash")
    public String trackingTokenHash;

    /** The token itself, encrypted, so authorised callers can be shown it again. */
    @Column(name = "tracking_token_enc")
    public byte[] trackingTokenEnc;

    @Column(name = "tracking_key_id")
    public String trackingKeyId;

    @Column(name = "tracking_expires_at")
    public Instant trackingExpiresAt;

    /** Optimistic lock; also the ticket's ETag. */
    @Version
    public int version;

    /** The opening, which every step on the ticket follows. */
    public StepTime.After opening() {
        return new StepTime.After("the ticket was opened", openedAt);
    }

    /** The latest status change, which the next one follows. */
    public StepTime.After lastStatusChange() {
        return new StepTime.After("the ticket became " + status, statusSince);
    }

    /** Where the ticket belongs, for who may see it: its team, its department, the system that opened it. */
    public Scope.Reach reach() {
        return new Scope.Reach(team, department, sourceSystem);
    }

    /** What every event about this ticket carries. */
    public TicketFacts facts() {
        return new TicketFacts(id, customerId, channel, category, priority, status, team, agent, department);
    }
}
