package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/** {@code complaint.contacted} on {@code pledge.complaints}: the owner of the complaint's level reached the customer. */
public record ComplaintContacted(TicketFacts ticket, UUID complaintId, int level, String contactedBy,
                                 Instant contactedAt) implements TicketEvent {
}
