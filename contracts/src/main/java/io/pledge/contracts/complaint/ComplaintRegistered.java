package io.pledge.contracts.complaint;

import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.registered} on {@code pledge.complaints}: a complaint (投诉) was recorded for
 * a ticket and enters the complaint procedure.
 *
 * @param severity derived from the ticket's priority until someone adjusts it
 * @param department the department responsible for handling it, once routed
 */
public record ComplaintRegistered(
        UUID complaintId,
        UUID ticketId,
        String customerId,
        Channel channel,
        Priority priority,
        String severity,
        String department,
        String team,
        String agent,
        Instant registeredAt) implements PledgeEvent {

    @Override
    public String subject() {
        return ticketId.toString();
    }
}
