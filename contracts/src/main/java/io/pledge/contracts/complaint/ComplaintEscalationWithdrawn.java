package io.pledge.contracts.complaint;

import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code complaint.escalation-withdrawn} on {@code pledge.complaints}: the only cause of an
 * escalation was retracted (e.g. an {@code sla.breach-retracted}), and nobody had acted on the
 * complaint at the new level, so the complaint is back at {@code level}. The contact deadline of
 * the withdrawn level no longer applies; {@code contactBy} is the restored level's, if it has one.
 *
 * @param withdrawnLevel the level the escalation had raised the complaint to
 * @param reason the withdrawn escalation's reason (as in {@code complaint.escalated})
 * @param cause what was retracted, e.g. {@code SLA_BREACHED:<clock id>}
 */
public record ComplaintEscalationWithdrawn(TicketFacts ticket, UUID complaintId, int level, int withdrawnLevel,
                                           String reason, String cause, Instant contactBy, Instant withdrawnAt)
        implements TicketEvent {
}
