package io.pledge.survey.invitation;

import io.pledge.contracts.EventType;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.platform.events.PolledEvents;
import io.pledge.survey.template.Trigger;
import io.pledge.survey.ticket.SurveyTicket;
import io.pledge.survey.ticket.SurveyTickets;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A closed complaint schedules its survey (the complaint-closure template). A poll is applied in
 * one transaction ({@link PolledEvents}); poison goes to pledge.complaints.dlq.
 */
@ApplicationScoped
public class ComplaintEventsHandler {

    static final String CONSUMER = "survey-service.complaints";

    @Inject
    PolledEvents polled;

    @Inject
    SurveyTickets tickets;

    @Inject
    Invitations invitations;

    @Incoming("complaints")
    @Blocking
    public void onComplaintEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(CONSUMER, records, events -> events.stream().filter(e -> e.is(EventType.COMPLAINT_CLOSED)).forEach(e -> {
            ComplaintClosed closed = e.dataAs(ComplaintClosed.class);
            SurveyTicket ticket = tickets.remember(closed.ticket(), e.time(), null);
            invitations.schedule(ticket, Trigger.COMPLAINT_CLOSED, closed.complaintId(), closed.closedAt(), null);
        }));
    }
}
