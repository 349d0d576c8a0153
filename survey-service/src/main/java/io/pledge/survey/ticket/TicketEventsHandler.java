package io.pledge.survey.ticket;

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

/** Ticket events keep the local ticket copy; poison records go to pledge.tickets.dlq. */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "survey-service.tickets";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    SurveyTickets tickets;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.TICKET_OPENED)) {
            idempotent.applyOnce(CONSUMER, event, e -> tickets.remember(e.dataAs(TicketOpened.class)));
        }
    }
}
