package io.pledge.notify.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What an alert's message says, taken from its cause event when the alert is made and kept with
 * it (JSON); rendered when sent, in the recipient's language and time zone. Fields that the
 * cause's type does not carry are null.
 *
 * @param type       the cause's event type
 * @param metric     SLA events: the promise (FIRST_RESPONSE, RESOLUTION, a milestone's name...)
 * @param dueAt      SLA events: when the promise falls due
 * @param stoppedAt  sla.breach-retracted: when the clock stopped after all
 * @param contactBy  complaint.escalated: when the new level must have reached the customer
 * @param lastError  webhook.endpoint-disabled: what the last delivery met
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertFacts(String type, String ticketId, String priority, String category, String metric,
                         Integer thresholdPercent, Instant dueAt, Instant breachedAt, Instant stoppedAt,
                         Integer level, String reason, Instant contactBy, Integer csat, String csatClass,
                         Boolean unsatisfied, String subscriptionId, String host, Instant failingSince,
                         Instant disabledAt, String lastError) {
}
