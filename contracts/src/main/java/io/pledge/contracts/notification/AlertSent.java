package io.pledge.contracts.notification;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code alert.sent} on {@code pledge.notifications}: notify-service told a member of staff of an
 * event, by e-mail or chat. Names the recipient by staff directory id only (no address).
 *
 * @param ruleId       the alert rule that called for it
 * @param recipientId  the staff directory id (an agent's or supervisor's id)
 * @param channel      EMAIL or CHAT
 * @param kind         ALERT; CORRECTION (an earlier alert's cause was retracted); DIGEST (a summary of several)
 * @param causeEventId the ce_id of the event that caused it
 * @param causeType    that event's type
 * @param ticketId     the ticket it is about, when there is one
 */
public record AlertSent(UUID alertId, String ruleId, String recipientId, String channel, String kind,
                        String causeEventId, String causeType, String ticketId, Instant sentAt) implements PledgeEvent {

    @Override
    public String subject() {
        return ticketId != null ? ticketId : recipientId;
    }
}
