package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.acknowledged} on {@code pledge.complaints}: the complaint was acknowledged and
 * routed to the department responsible for it.
 *
 * @param complaintSubject what it is about: PRODUCT, SERVICE_ATTITUDE, RESPONSE_SPEED, BILLING or OTHER
 * @param severity CRITICAL, MAJOR, MODERATE or MINOR
 * @param acknowledgeBy the deadline for acknowledging it: with acknowledgedAt, whether it was in time
 */
public record ComplaintAcknowledged(TicketFacts ticket, UUID complaintId, int level, String department,
                                    String complaintSubject, String severity, String acknowledgedBy, Instant acknowledgeBy,
                                    Instant acknowledgedAt) implements TicketEvent {
}
