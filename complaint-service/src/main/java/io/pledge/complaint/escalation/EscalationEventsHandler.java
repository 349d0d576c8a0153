package io.pledge.complaint.escalation;

import io.pledge.contracts.EventType;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * SLA breaches and survey answers that may escalate a complaint, and breach retractions that may
 * withdraw such an escalation. Each is applied once
 * (processed-id check and effect in one transaction); poison records go to the topic's .dlq.
 */
@ApplicationScoped
public class EscalationEventsHandler {

    static final String SLA_CONSUMER = "complaint-service.sla";
    static final String SURVEY_CONSUMER = "complaint-service.surveys";

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    ComplaintSignals signals;

    @Incoming("sla")
    @Blocking
    public void onSlaEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.SLA_BREACHED) || event.is(EventType.SLA_BREACH_RETRACTED)) {
            idempotent.applyOnce(SLA_CONSUMER, event, signals::apply);
        }
    }

    @Incoming("surveys")
    @Blocking
    public void onSurveyEvent(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.is(EventType.SURVEY_COMPLETED)) {
            idempotent.applyOnce(SURVEY_CONSUMER, event, signals::apply);
        }
    }
}
