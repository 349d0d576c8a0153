package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Instant;
import java.util.UUID;

/** A complaint as the API shows it. */
public record ComplaintView(UUID id, UUID ticketId, String customerId, ComplaintState state, Severity severity,
                            String department, Channel channel, Priority priority, String team, String agent,
                            Instant registeredAt, int version) {

    static ComplaintView of(Complaint c) {
        return new ComplaintView(c.id, c.ticketId, c.customerId, c.state, c.severity, c.department, c.channel,
                c.priority, c.team, c.agent, c.registeredAt, c.version);
    }
}
