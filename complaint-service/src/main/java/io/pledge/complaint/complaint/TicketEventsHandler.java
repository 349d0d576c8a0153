package io.pledge.complaint.complaint;

import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Ticket events register complaints; poison records go to pledge.tickets.dlq. */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "complaint-service.tickets";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    Complaints complaints;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.TICKET_OPENED)) {
            idempotent.applyOnce(CONSUMER, event,
                    e -> complaints.registerIfComplaint(e.dataAs(TicketOpened.class), e.time()));
        }
    }
}
