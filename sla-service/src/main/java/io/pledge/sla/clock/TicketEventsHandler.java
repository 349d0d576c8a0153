package io.pledge.sla.clock;

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

/**
 * Ticket events start, pause and stop clocks. Records are applied one at a time in arrival order;
 * a poison record throws, and the channel's dead-letter strategy moves it to pledge.tickets.dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "sla-service.tickets";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    SlaClocks clocks;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.TICKET_OPENED)) {
            idempotent.applyOnce(CONSUMER, event,
                    e -> clocks.startFirstResponse(e.dataAs(TicketOpened.class), e.time()));
        }
    }
}
