package io.pledge.sla.clock;

import io.pledge.platform.security.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * What sla-service keeps of a ticket: for policy matching, what later ticket events do not repeat;
 * for access (issue #14), where the ticket belongs — its team and department (following
 * assignments) and the system that opened it.
 */
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

    /** The ticket's team, as its latest event says. */
    public String team;

    /** The ticket's department, as its latest event says. */
    public String department;

    /** The system that opened the ticket (TicketOpened.sourceSystem): an integration reaches its own. */
    @Column(name = "source_system")
    public String sourceSystem;

    public Scope.Reach reach() {
        return new Scope.Reach(team, department, sourceSystem);
    }
}
