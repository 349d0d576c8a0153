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

/**
 * Ticket events drive the clocks, each at its event time; ticket and complaint events also drive
 * the custom milestones of the ticket's policy. A poll is applied in one transaction, in arrival
 * order ({@link PolledEvents}): the alarm scan sees its clocks only once all of the poll's events
 * are applied, so a backdated opening and the reply behind it never produce a breach. Poison
 * records go to their topic's .dlq.
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
        polled.apply(CONSUMER, records, events -> events.forEach(e -> {
            TicketEvent event = TicketEvent.class.isAssignableFrom(e.type().dataClass())
                    ? (TicketEvent) EventCodec.fromTree(e.data(), e.type().dataClass()) : null;
            applied.reportedLate(event != null && event.wasReportedLate());
            apply(e);
            if (event != null) {
                clocks.belongs(event.ticket());
                clocks.milestones(event.ticket(), e.type().type(), e.time());
            }
        }));
    }

    /** Complaint events only drive custom milestones (e.g. a supervisor's contact after an escalation). */
    @Incoming("complaints")
    @Blocking
    public void onComplaintEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(COMPLAINTS_CONSUMER, records, events -> events.forEach(e -> {
            applied.reportedLate(false);
            milestones(e);
        }));
    }

    private void milestones(InboundEvent e) {
        if (TicketEvent.class.isAssignableFrom(e.type().dataClass())) {
            TicketEvent event = (TicketEvent) EventCodec.fromTree(e.data(), e.type().dataClass());
            clocks.milestones(event.ticket(), e.type().type(), e.time());
        }
    }

    private void apply(InboundEvent e) {
        switch (e.type()) {
            case TICKET_OPENED -> clocks.opened(e.dataAs(TicketOpened.class), e.time());
            case TICKET_FIRST_RESPONSE -> {
                FirstResponse response = e.dataAs(FirstResponse.class);
                clocks.step(response.ticket(), SlaClocks.FIRST_RESPONSE, Step.STOP, response.respondedAt());
                clocks.step(response.ticket(), SlaClocks.NEXT_RESPONSE, Step.STOP, response.respondedAt());
                clocks.agentUpdated(response.ticket(), response.respondedAt());
            }
            case TICKET_AGENT_REPLIED -> {
                AgentReplied reply = e.dataAs(AgentReplied.class);
                clocks.step(reply.ticket(), SlaClocks.NEXT_RESPONSE, Step.STOP, reply.repliedAt());
                clocks.agentUpdated(reply.ticket(), reply.repliedAt());
            }
            case TICKET_CUSTOMER_REPLIED -> clocks.customerWrote(e.dataAs(CustomerReplied.class).ticket(), e.time());
            case TICKET_STATUS_CHANGED -> {
                TicketStatusChanged changed = e.dataAs(TicketStatusChanged.class);
                clocks.statusChanged(changed.ticket(), changed.previousStatus(), e.time());
            }
            case TICKET_RESOLVED -> {
                TicketResolved resolved = e.dataAs(TicketResolved.class);
                for (String metric : java.util.List.of(SlaClocks.RESOLUTION, SlaClocks.NEXT_RESPONSE, SlaClocks.PERIODIC_UPDATE)) {
                    clocks.step(resolved.ticket(), metric, Step.STOP, e.time());
                }
            }
            case TICKET_REOPENED -> clocks.reopened(e.dataAs(TicketReopened.class).ticket(), e.time());
            case TICKET_CLOSED -> clocks.closed(e.dataAs(TicketClosed.class).ticket(), e.time());
            case TICKET_RECLASSIFIED -> clocks.reclassified(e.dataAs(TicketReclassified.class).ticket(), e.time());
            case TICKET_ASSIGNED -> clocks.assigned(e.dataAs(TicketAssigned.class).ticket());
            default -> {
                // call events and others: nothing to time here
            }
        }
    }
}
