package io.pledge.kpi.aggregate;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record that cannot be applied to its topic's .dlq, as received, with the reason in the
 * same dead-letter-* headers SmallRye's own dead-letter strategy writes (a batch consumer cannot use
 * that strategy: it would send the whole poll). Waits for the broker's acknowledgement, so the
 * record's offset is committed only once it is safe in the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetters {

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> emitter;

    public void send(ConsumerRecord<String, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", text(String.valueOf(reason.getMessage())));
        if (reason.getCause() != null) {
            headers.add("dead-letter-cause", text(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add("dead-letter-topic", text(record.topic()));
        headers.add("dead-letter-partition", text(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", text(Long.toString(record.offset())));
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic() + ".dlq").withKey(record.key()).withHeaders(headers).build()));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
