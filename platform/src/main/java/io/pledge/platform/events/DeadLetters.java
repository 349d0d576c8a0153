package io.pledge.platform.events;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_REASON;
import static io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;

/**
 * Sends a record that cannot be applied to its topic's .dlq, as received, with the reason in the
 * same dead-letter-* headers SmallRye's own dead-letter strategy writes (a batch consumer cannot use
 * that strategy: it would send the whole poll). Waits for the broker's acknowledgement, so the
 * record's offset is committed only once it is safe in the dead-letter topic.
 *
 * <p>A service that uses it configures the outgoing channel {@code dead-letters} (connector
 * smallrye-kafka, byte-array values; the topic is set per record).
 */
@ApplicationScoped
public class DeadLetters {

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> emitter;

    public void send(ConsumerRecord<String, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(DEAD_LETTER_EXCEPTION_CLASS_NAME, text(reason.getClass().getName()));
        headers.add(DEAD_LETTER_REASON, text(String.valueOf(reason.getMessage())));
        if (reason.getCause() != null) {
            headers.add(DEAD_LETTER_CAUSE, text(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add(DEAD_LETTER_TOPIC, text(record.topic()));
        headers.add(DEAD_LETTER_PARTITION, text(Integer.toString(record.partition())));
        headers.add(DEAD_LETTER_OFFSET, text(Long.toString(record.offset())));
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic() + ".dlq").withKey(record.key()).withHeaders(headers).build()));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
