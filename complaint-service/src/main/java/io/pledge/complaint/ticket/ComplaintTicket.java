package io.pledge.complaint.ticket;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.tickets.TicketSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The latest facts about a ticket, as its events told them: what complaint events carry about it. */
@Entity
@Table(name = "complaint_ticket")
public class ComplaintTicket {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Embedded
    public TicketSnapshot latest;

    /** Event time of the event that told the latest facts. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public TicketFacts facts() {
        return latest.facts(ticketId);
    }
}
