package io.pledge.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventSchemas;
import io.pledge.contracts.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Turns a Kafka record into an {@link InboundEvent}, or says why it is poison. */
@ApplicationScoped
public class InboundEventReader {

    /**
     * @throws PoisonMessageException when the record is not a binary-mode CloudEvent, has an unknown
     *                                type, lacks an event time or carries data that breaks its schema
     */
    public InboundEvent read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new PoisonMessageException("not a CloudEvent in Kafka binary mode: " + e.getMessage(), e);
        }
        EventType type = EventType.fromType(event.getType())
                .orElseThrow(() -> new PoisonMessageException("unknown event type '" + event.getType() + "'"));
        if (event.getTime() == null) {
            throw new PoisonMessageException(type.type() + " without ce_time");
        }
        if (event.getData() == null) {
            throw new PoisonMessageException(type.type() + " without data");
        }
        JsonNode data;
        try {
            data = EventCodec.parse(event.getData().toBytes());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(e.getMessage(), e);
        }
        List<String> violations = EventSchemas.violations(type, data);
        if (!violations.isEmpty()) {
            throw new PoisonMessageException(type.type() + " data breaks " + type.schemaResource() + ": " + violations);
        }
        return new InboundEvent(event.getId(), type, String.valueOf(event.getSource()), event.getSubject(),
                event.getTime().toInstant(), data);
    }
}
