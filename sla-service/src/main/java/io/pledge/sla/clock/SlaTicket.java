package io.pledge.sla.clock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** What sla-service keeps of a ticket for policy matching that later ticket events do not repeat. */
@Entity
@Table(name = "sla_ticket")
public class SlaTicket {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "customer_tier")
    public String customerTier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
}
