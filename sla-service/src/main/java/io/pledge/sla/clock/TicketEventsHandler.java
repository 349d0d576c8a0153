package io.pledge.sla.clock;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatusChanged;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.PolledEvents;
import io.pledge.sla.clock.ClockTimeline.Step;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ticket events drive the clocks, each at its event time; ticket and complaint events also drive
 * the custom milestones of the ticket's policy. A poll is applied in one transaction, in arrival
 * order ({@link PolledEvents}): the alarm scan sees its clocks only once all of the poll's events
 * are applied, so a backdated opening and the reply behind it never produce a breach. The clocks
 * of all the poll's tickets are read (and locked) once, before its first event, and changed in
 * memory ({@link PolledClocks}); their new marks are written after its last. Poison records go to
 * their topic's .dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "sla-service.tickets";

    @Inject
    PolledEvents polled;

    @Inject
    SlaClocks clocks;

    @Inject
    AppliedEvent applied;

    static final String COMPLAINTS_CONSUMER = "sla-service.complaints";

    @Incoming("tickets")
    @Blocking
    public void onTicketEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(CONSUMER, records, events -> {
            List<TicketEvent> decoded = decoded(events);
            clocks.load(ticketsOf(decoded));
            for (int i = 0; i < events.size(); i++) {
                InboundEvent e = events.get(i);
                TicketEvent event = decoded.get(i);
                applied.reportedLate(event != null && event.wasReportedLate());
                apply(e, event);
                if (event != null) {
                    clocks.belongs(event.ticket());
                    clocks.milestones(event.ticket(), e.type().type(), e.time());
                }
            }
            clocks.write();
        });
    }

    /** Complaint events only drive custom milestones (e.g. a supervisor's contact after an escalation). */
    @Incoming("complaints")
    @Blocking
    public void onComplaintEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(COMPLAINTS_CONSUMER, records, events -> {
            List<TicketEvent> decoded = decoded(events);
            clocks.load(ticketsOf(decoded));
            applied.reportedLate(false);
            for (int i = 0; i < events.size(); i++) {
                if (decoded.get(i) != null) {
                    clocks.milestones(decoded.get(i).ticket(), events.get(i).type().type(), events.get(i).time());
                }
            }
            clocks.write();
        });
    }

    /** The events about a ticket, decoded once; null for the others (nothing to time). */
    private static List<TicketEvent> decoded(List<InboundEvent> events) {
        List<TicketEvent> decoded = new ArrayList<>(events.size());
        for (InboundEvent e : events) {
            decoded.add(TicketEvent.class.isAssignableFrom(e.type().dataClass())
                    ? (TicketEvent) EventCodec.fromTree(e.data(), e.type().dataClass()) : null);
        }
        return decoded;
    }

    /** The tickets a poll touches: their clocks are read (and locked) at once, before any event is applied. */
    private static Set<UUID> ticketsOf(List<TicketEvent> events) {
        Set<UUID> tickets = new LinkedHashSet<>();
        for (TicketEvent event : events) {
            if (event != null) {
                tickets.add(event.ticket().ticketId());
            }
        }
        return tickets;
    }

    /** {@code event} is {@code e}'s data, decoded (null when it is not about a ticket). */
    private void apply(InboundEvent e, TicketEvent event) {
        switch (e.type()) {
            case TICKET_OPENED -> clocks.opened((TicketOpened) event, e.time());
            case TICKET_FIRST_RESPONSE -> {
                FirstResponse response = (FirstResponse) event;
                clocks.step(response.ticket(), SlaClocks.FIRST_RESPONSE, Step.STOP, response.respondedAt());
                clocks.step(response.ticket(), SlaClocks.NEXT_RESPONSE, Step.STOP, response.respondedAt());
                clocks.agentUpdated(response.ticket(), response.respondedAt());
            }
            case TICKET_AGENT_REPLIED -> {
                AgentReplied reply = (AgentReplied) event;
                clocks.step(reply.ticket(), SlaClocks.NEXT_RESPONSE, Step.STOP, reply.repliedAt());
                clocks.agentUpdated(reply.ticket(), reply.repliedAt());
            }
            case TICKET_CUSTOMER_REPLIED -> clocks.customerWrote(((CustomerReplied) event).ticket(), e.time());
            case TICKET_STATUS_CHANGED -> {
                TicketStatusChanged changed = (TicketStatusChanged) event;
                clocks.statusChanged(changed.ticket(), changed.previousStatus(), e.time());
            }
            case TICKET_RESOLVED -> {
                TicketResolved resolved = (TicketResolved) event;
                for (String metric : List.of(SlaClocks.RESOLUTION, SlaClocks.NEXT_RESPONSE, SlaClocks.PERIODIC_UPDATE)) {
                    clocks.step(resolved.ticket(), metric, Step.STOP, e.time());
                }
            }
            case TICKET_REOPENED -> clocks.reopened(((TicketReopened) event).ticket(), e.time());
            case TICKET_CLOSED -> clocks.closed(((TicketClosed) event).ticket(), e.time());
            case TICKET_RECLASSIFIED -> clocks.reclassified(((TicketReclassified) event).ticket(), e.time());
            case TICKET_ASSIGNED -> clocks.assigned(((TicketAssigned) event).ticket());
            default -> {
                // call events and others: nothing to time here
            }
        }
    }
}
