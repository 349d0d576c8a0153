package io.pledge.contracts.sla;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Duration;
import java.util.UUID;

/**
 * What every SLA event carries about its clock and ticket: enough for KPIs and complaints to act
 * without asking sla-service.
 *
 * @param metric FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION or a custom milestone's name
 * @param target the promised business time
 * @param calendarId the business calendar the target is counted on
 */
public record SlaClockFacts(UUID clockId, UUID ticketId, String metric, String policyId, Duration target,
                            String calendarId, Channel channel, Category category, Priority priority, String team,
                            String agent) {
}
