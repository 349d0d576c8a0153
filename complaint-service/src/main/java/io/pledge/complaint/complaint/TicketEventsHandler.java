package io.pledge.complaint.complaint;

import io.pledge.complaint.ticket.ComplaintTicket;
import io.pledge.complaint.ticket.Tickets;
import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.PolledEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Ticket events keep the ticket facts complaint events carry; a ticket opened or reclassified as a
 * COMPLAINT registers its complaint, and so does a REST registration that was waiting for the
 * ticket. A poll is applied in one transaction, in arrival order ({@link PolledEvents}); poison
 * records go to pledge.tickets.dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "complaint-service.tickets";

    @Inject
    PolledEvents polled;

    @Inject
    Tickets tickets;

    @Inject
    Complaints complaints;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(CONSUMER, records, events -> events.stream()
                .filter(e -> TicketEvent.class.isAssignableFrom(e.type().dataClass())) // an abandoned call: no ticket
                .forEach(this::apply));
    }

    private void apply(InboundEvent e) {
        TicketEvent ticketEvent = (TicketEvent) e.dataAs(e.type().dataClass());
        String sourceSystem = ticketEvent instanceof TicketOpened opened ? opened.sourceSystem() : null;
        ComplaintTicket ticket = tickets.remember(ticketEvent.ticket(), e.time(), sourceSystem);
        complaints.registerWaiting(ticket);
        boolean classifies = e.is(EventType.TICKET_OPENED) || e.is(EventType.TICKET_RECLASSIFIED);
        if (classifies && ticketEvent.ticket().category() == Category.COMPLAINT) {
            complaints.register(Complaints.Registration.byTicketEvent(ticket, e.time()));
        }
    }
}
