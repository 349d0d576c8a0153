package io.pledge.kpi.aggregate;

import io.pledge.contracts.EventType;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts ticket events into KPI buckets, each exactly once and in the bucket of its event time;
 * poison records go to pledge.tickets.dlq.
 */
@ApplicationScoped
public class TicketEventsHandler {

    static final String CONSUMER = "kpi-service.tickets";
    public static final String TICKETS_OPENED = "tickets.opened";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    KpiStore store;

    @Incoming("tickets")
    @Blocking
    public void onTicketEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.TICKET_OPENED)) {
            idempotent.applyOnce(CONSUMER, event,
                    e -> store.increment(TICKETS_OPENED, dimensionsOf(e.dataAs(TicketOpened.class).ticket()), e.time()));
        }
    }

    static List<Dimension> dimensionsOf(TicketFacts ticket) {
        List<Dimension> dimensions = new ArrayList<>(List.of(Dimension.ALL,
                new Dimension("channel", ticket.channel().name()),
                new Dimension("category", ticket.category().name()),
                new Dimension("priority", ticket.priority().name())));
        if (ticket.team() != null) {
            dimensions.add(new Dimension("team", ticket.team()));
        }
        if (ticket.agent() != null) {
            dimensions.add(new Dimension("agent", ticket.agent()));
        }
        if (ticket.department() != null) {
            dimensions.add(new Dimension("department", ticket.department()));
        }
        return dimensions;
    }
}
