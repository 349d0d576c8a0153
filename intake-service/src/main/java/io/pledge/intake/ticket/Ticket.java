package io.pledge.intake.ticket;

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

    @Column(nullable = false)
    public String subject;

    public String description;

    /** The CRM's id of the customer; contact data (name, phone, e-mail) is not stored here. */
    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "customer_tier")
    public String customerTier;

    public String team;

    public String agent;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags;

    /** When the contact happened (the CRM may report it after the fact). */
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Optimistic lock; also the ticket's ETag. */
    @Version
    public int version;
}
