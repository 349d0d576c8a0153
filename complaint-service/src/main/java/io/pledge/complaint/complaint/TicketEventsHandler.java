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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
        polled.apply(CONSUMER, records, events -> apply(events.stream()
                .filter(e -> TicketEvent.class.isAssignableFrom(e.type().dataClass())) // an abandoned call: no ticket
                .toList()));
    }

    /**
     * A poll's ticket events, in order. The poll's tickets are locked, their copies and waiting
     * registrations read, once for the whole poll: one event at a time that was a few round trips
     * each, and the consumer fell 14 s behind at 40 tickets/s (issue #17).
     */
    private void apply(List<InboundEvent> events) {
        Set<UUID> ids = events.stream().map(e -> ((TicketEvent) e.dataAs(e.type().dataClass())).ticket().ticketId())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        complaints.lockTickets(ids);
        Map<UUID, ComplaintTicket> known = tickets.load(ids);
        Set<UUID> waiting = complaints.withWaitingRegistrations(ids);
        for (InboundEvent e : events) {
            TicketEvent ticketEvent = (TicketEvent) e.dataAs(e.type().dataClass());
            String sourceSystem = ticketEvent instanceof TicketOpened opened ? opened.sourceSystem() : null;
            ComplaintTicket ticket = tickets.remember(known, ticketEvent.ticket(), e.time(), sourceSystem);
            if (waiting.remove(ticket.ticketId)) {
                complaints.registerWaiting(ticket); // at the ticket's first event of the poll, as told by it
            }
            boolean classifies = e.is(EventType.TICKET_OPENED) || e.is(EventType.TICKET_RECLASSIFIED);
            if (classifies && ticketEvent.ticket().category() == Category.COMPLAINT) {
                complaints.register(Complaints.Registration.byTicketEvent(ticket, e.time()));
            }
        }
    }
}
