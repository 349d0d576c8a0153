package io.pledge.contracts;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An event as the Kafka record it travels in (blueprint §3): a binary-mode CloudEvent, its
 * attributes in {@code ce_*} headers, its data the event's JSON, keyed by its subject. The one
 * place that says so, for the outbox relay, the tests' producers and the benchmark tools alike.
 */
public final class CloudEventRecords {

    /** The record of an event given attribute by attribute (the outbox relay's stored events). */
    public static ProducerRecord<String, byte[]> binary(String topic, String key, String id, URI source, String type,
                                                        String subject, Instant time, URI dataSchema, byte[] data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataSchema(dataSchema)
                .withDataContentType("application/json")
                .withData(data)
                .build();
        return KafkaMessageFactory.<String>createWriter(topic, null, null, key).writeBinary(event);
    }

    /** The record of {@code data} on its type's topic, keyed by its subject. */
    public static ProducerRecord<String, byte[]> of(PledgeEvent data, String id, URI source, Instant time) {
        EventType type = EventType.of(data);
        return binary(type.topic(), data.subject(), id, source, type.type(), data.subject(), time, type.dataSchema(),
                EventCodec.toBytes(data));
    }

    private CloudEventRecords() {
    }
}
