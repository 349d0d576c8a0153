package io.pledge.survey.invitation;

import io.pledge.contracts.EventType;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.survey.ticket.SurveyTicket;
import io.pledge.survey.ticket.SurveyTickets;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A closed complaint schedules its survey (the complaint-closure template); poison goes to pledge.complaints.dlq. */
@ApplicationScoped
public class ComplaintEventsHandler {

    static final String CONSUMER = "survey-service.complaints";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    SurveyTickets tickets;

    @Inject
    Invitations invitations;

    @Incoming("complaints")
    @Blocking
    public void onComplaintEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.COMPLAINT_CLOSED)) {
            idempotent.applyOnce(CONSUMER, event, e -> {
                ComplaintClosed closed = e.dataAs(ComplaintClosed.class);
                SurveyTicket ticket = tickets.remember(closed.ticket(), e.time(), null);
                invitations.schedule(ticket, Trigger.COMPLAINT_CLOSED, closed.complaintId(), closed.closedAt(), null);
            });
        }
    }
}
