package io.pledge.platform.tickets;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/**
 * The facts a ticket event told about its ticket ({@link TicketFacts}), as columns of a service's
 * own copy of tickets: services that act on tickets keep one instead of asking intake-service
 * (blueprint §1), and put these facts back on the events they publish.
 */
@Embeddable
public class TicketSnapshot {

    @Column(name = "customer_id", nullable = false)
    public String customerId;

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

    public String team;

    public String agent;

    public String department;

    public static TicketSnapshot of(TicketFacts facts) {
        TicketSnapshot snapshot = new TicketSnapshot();
        snapshot.customerId = facts.customerId();
        snapshot.channel = facts.channel();
        snapshot.category = facts.category();
        snapshot.priority = facts.priority();
        snapshot.status = facts.status();
        snapshot.team = facts.team();
        snapshot.agent = facts.agent();
        snapshot.department = facts.department();
        return snapshot;
    }

    public TicketFacts facts(UUID ticketId) {
        return new TicketFacts(ticketId, customerId, channel, category, priority, status, team, agent, department);
    }
}
