package io.pledge.complaint.ticket;

import io.pledge.platform.tickets.TicketCopy;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The latest facts about a ticket, as its events told them: what complaint events carry about it. */
@Entity
@Table(name = "complaint_ticket")
public class ComplaintTicket extends TicketCopy {
}
