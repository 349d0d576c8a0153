package io.pledge.platform.testing;

import io.pledge.contracts.CloudEventRecords;
import io.pledge.contracts.PledgeEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/** Talks to the real Kafka broker from tests: puts records on topics and reads what services publish. */
public final class KafkaTestSupport {

    public static String bootstrapServers() {
        return System.getProperty("pledge.kafka.bootstrap",
                System.getenv().getOrDefault("PLEDGE_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
    }

    /** A binary-mode CloudEvent record exactly as a Pledge service would publish it. */
    public static ProducerRecord<String, byte[]> cloudEvent(PledgeEvent data, String eventId, Instant time) {
        return CloudEventRecords.of(data, eventId, URI.create("/pledge/test"), time);
    }

    public static ProducerRecord<String, byte[]> cloudEvent(PledgeEvent data, Instant time) {
        return cloudEvent(data, UUID.randomUUID().toString(), time);
    }

    /** Sends the records in order and waits until Kafka has acknowledged each. */
    @SafeVarargs
    public static void send(ProducerRecord<String, byte[]>... records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the record", e);
        }
    }

    /**
     * Sends the records in one producer batch per partition (linger, then one flush) and returns
     * where each landed. Kafka hands a consumer whole batches, so records of one partition sent
     * this way reach a consumer in one poll (up to its max.poll.records).
     */
    @SafeVarargs
    public static List<RecordMetadata> sendTogether(ProducerRecord<String, byte[]>... records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                landed.add(f.get(30, TimeUnit.SECONDS));
            }
            return landed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the records", e);
        }
    }

    /**
     * Waits until consumer group {@code group} has committed the end of every partition of the
     * topics, i.e. has applied what earlier tests (of this module or of the modules built before it)
     * left there: a service that reads from the earliest offset starts its tests behind that
     * backlog. A partition the group has not committed yet counts from its beginning.
     */
    public static void awaitCaughtUp(String group, Duration within, String... topics) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, // only to read its commits: this consumer never joins the group
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            Set<TopicPartition> partitions = new HashSet<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Awaitility.await("consumer group " + group + " caught up").atMost(within).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
                        return partitions.stream().allMatch(tp -> {
                            OffsetAndMetadata at = committed.get(tp);
                            return (at == null ? begin.get(tp) : at.offset()) >= end.get(tp);
                        });
                    });
        }
    }

    /** The same record under another key (so that records of several tickets share one partition, in order). */
    public static ProducerRecord<String, byte[]> keyed(String key, ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers());
    }

    /**
     * Starts reading {@code topic} from its current end: the reader sees only what is published
     * after this call. Close it when done.
     */
    public static TopicReader readFromNowOn(String topic) {
        return new TopicReader(topic);
    }

    public static final class TopicReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private TopicReader(String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start now, not at the first poll
        }

        /** Every record read so far that matches {@code filter}. */
        public synchronized List<ConsumerRecord<String, byte[]>> records(Predicate<ConsumerRecord<String, byte[]>> filter) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(filter).toList();
        }

        /** Waits (bounded) until at least {@code count} matching records have arrived; returns them all. */
        public List<ConsumerRecord<String, byte[]>> awaitAtLeast(int count, Duration within,
                                                          Predicate<ConsumerRecord<String, byte[]>> filter) {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100))
                    .until(() -> records(filter).size() >= count);
            return records(filter);
        }

        @Override
        public synchronized void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The value of a header, as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private KafkaTestSupport() {
    }
}
