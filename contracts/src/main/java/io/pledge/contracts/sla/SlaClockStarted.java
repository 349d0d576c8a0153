package io.pledge.contracts.sla;

import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code sla.clock-started} on {@code pledge.sla}: a promise about a ticket is now being timed.
 *
 * @param metric what is timed: FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION or a
 *               custom milestone's name
 * @param target the promised business time
 * @param calendarId the business calendar the target is counted on
 * @param dueAt the last instant at which the promise is still kept
 */
public record SlaClockStarted(
        UUID clockId,
        UUID ticketId,
        String metric,
        String policyId,
        Duration target,
        String calendarId,
        Instant startedAt,
        Instant dueAt,
        Channel channel,
        Category category,
        Priority priority,
        String team,
        String agent) implements PledgeEvent {

    @Override
    public String subject() {
        return ticketId.toString();
    }
}
