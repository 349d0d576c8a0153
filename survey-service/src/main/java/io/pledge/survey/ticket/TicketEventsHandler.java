package io.pledge.survey.ticket;

import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.survey.invitation.Invitations;
import io.pledge.survey.invitation.Trigger;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Ticket events keep the local ticket copy; a resolution schedules the ticket's survey and a
 * reopening before it went out cancels it. Poison records go to pledge.tickets.dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "survey-service.tickets";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    SurveyTickets tickets;

    @Inject
    Invitations invitations;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (!TicketEvent.class.isAssignableFrom(event.type().dataClass())) {
            return; // an abandoned call: no ticket
        }
        idempotent.applyOnce(CONSUMER, event, e -> {
            TicketEvent data = (TicketEvent) e.dataAs(e.type().dataClass());
            String sourceSystem = data instanceof TicketOpened opened ? opened.sourceSystem() : null;
            SurveyTicket ticket = tickets.remember(data.ticket(), e.time(), sourceSystem);
            if (data instanceof TicketResolved resolved) {
                invitations.schedule(ticket, Trigger.TICKET_RESOLVED, null, resolved.resolvedAt(),
                        resolved.resolutionCode());
            } else if (e.is(EventType.TICKET_REOPENED)
                    || (data instanceof CustomerReplied replied && replied.reopened())) {
                invitations.cancel(ticket.ticketId, e.time());
            }
        });
    }
}
