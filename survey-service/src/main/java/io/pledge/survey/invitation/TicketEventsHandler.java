package io.pledge.survey.invitation;

import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.PolledEvents;
import io.pledge.survey.template.Trigger;
import io.pledge.survey.ticket.SurveyTicket;
import io.pledge.survey.ticket.SurveyTickets;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Ticket events keep the local ticket copy; a resolution schedules the ticket's survey and a
 * reopening before it went out cancels it. A poll is applied in one transaction, in arrival order
 * ({@link PolledEvents}); poison records go to pledge.tickets.dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "survey-service.tickets";

    @Inject
    PolledEvents polled;

    @Inject
    SurveyTickets tickets;

    @Inject
    Invitations invitations;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(CONSUMER, records, events -> {
            List<InboundEvent> ticketEvents = events.stream()
                    .filter(e -> TicketEvent.class.isAssignableFrom(e.type().dataClass())) // an abandoned call: no ticket
                    .toList();
            // the poll's ticket copies in one query, not one each (issue #17)
            Map<UUID, SurveyTicket> known = tickets.load(ticketEvents.stream().map(e -> data(e).ticket().ticketId())
                    .collect(Collectors.toSet()));
            ticketEvents.forEach(e -> apply(e, known));
        });
    }

    private static TicketEvent data(InboundEvent e) {
        return (TicketEvent) e.dataAs(e.type().dataClass());
    }

    private void apply(InboundEvent e, Map<UUID, SurveyTicket> known) {
        TicketEvent data = data(e);
        String sourceSystem = data instanceof TicketOpened opened ? opened.sourceSystem() : null;
        SurveyTicket ticket = tickets.remember(known, data.ticket(), e.time(), sourceSystem);
        if (data instanceof TicketResolved resolved) {
            invitations.schedule(ticket, Trigger.TICKET_RESOLVED, null, resolved.resolvedAt(),
                    resolved.resolutionCode());
        } else if (e.is(EventType.TICKET_REOPENED)
                || (data instanceof CustomerReplied replied && replied.reopened())) {
            invitations.cancel(ticket.ticketId, e.time());
        }
    }
}
