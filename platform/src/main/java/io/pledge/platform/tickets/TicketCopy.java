package io.pledge.platform.tickets;

import io.pledge.platform.security.Scope;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A service's own copy of a ticket's latest facts ({@link TicketFacts}), kept from the ticket
 * events so that it need not ask intake-service (blueprint §1) and can put the facts back on the
 * events it publishes. A service's entity extends it and names its table.
 */
@MappedSuperclass
public abstract class TicketCopy {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

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

    /** Event time of the event that told the latest facts. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The system that opened the ticket (TicketOpened.sourceSystem): integration clients reach only their own. */
    @Column(name = "source_system")
    public String sourceSystem;

    /**
     * Takes the facts an event told about the ticket at {@code at}, unless a later event already
     * told newer ones (a ticket's events arrive in order, but a late-reported one may carry an
     * earlier time).
     */
    public void learn(TicketFacts facts, Instant at) {
        if (updatedAt != null && at.isBefore(updatedAt)) {
            return;
        }
        ticketId = facts.ticketId();
        customerId = facts.customerId();
        channel = facts.channel();
        category = facts.category();
        priority = facts.priority();
        status = facts.status();
        team = facts.team();
        agent = facts.agent();
        department = facts.department();
        updatedAt = at;
    }

    /**
     * The copies of these tickets that exist, by id, in one query: a poll's events then find their
     * ticket in the map instead of a query each (issue #17).
     */
    public static <T extends TicketCopy> Map<UUID, T> load(EntityManager em, Class<T> type, Collection<UUID> ticketIds) {
        Map<UUID, T> known = new HashMap<>();
        if (!ticketIds.isEmpty()) {
            em.createQuery("from " + em.getMetamodel().entity(type).getName() + " t where t.ticketId in :ids", type)
                    .setParameter("ids", ticketIds).getResultList().forEach(t -> known.put(t.ticketId, t));
        }
        return known;
    }

    /** Told by ticket.opened (null for every other event): whatever order the events arrive in, the opening names the source for good. */
    public void nameSource(String sourceSystem) {
        if (sourceSystem != null) {
            this.sourceSystem = sourceSystem;
        }
    }

    /** Where the ticket belongs, for {@link io.pledge.platform.security.Caller#require}. */
    public Scope.Reach reach() {
        return new Scope.Reach(team, department, sourceSystem);
    }

    public TicketFacts facts() {
        return new TicketFacts(ticketId, customerId, channel, category, priority, status, team, agent, department);
    }
}
