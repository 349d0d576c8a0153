package io.pledge.complaint.signal;

import io.pledge.contracts.EventType;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.PolledEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * SLA breaches and survey answers that may escalate a complaint, and breach retractions that may
 * withdraw such an escalation. A poll is applied in one transaction, in arrival order
 * ({@link PolledEvents}), each event once; poison records go to the topic's .dlq.
 */
@ApplicationScoped
public class EscalationEventsHandler {

    static final String SLA_CONSUMER = "complaint-service.sla";
    static final String SURVEY_CONSUMER = "complaint-service.surveys";

    @Inject
    PolledEvents polled;

    @Inject
    ComplaintSignals signals;

    @Incoming("sla")
    @Blocking
    public void onSlaEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(SLA_CONSUMER, records, events -> events.stream()
                .filter(e -> e.is(EventType.SLA_BREACHED) || e.is(EventType.SLA_BREACH_RETRACTED))
                .forEach(signals::apply));
    }

    @Incoming("surveys")
    @Blocking
    public void onSurveyEvents(ConsumerRecords<String, byte[]> records) {
        polled.apply(SURVEY_CONSUMER, records, events -> events.stream()
                .filter(e -> e.is(EventType.SURVEY_COMPLETED))
                .forEach(signals::apply));
    }
}
