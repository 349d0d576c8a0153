package io.pledge.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far behind each consumer is, for the operator (deploy/k8s monitoring rules):
 * <ul>
 *   <li>{@code pledge_consumer_lag_seconds{consumer}}: seconds since the Kafka timestamp of the
 *   oldest record handed to the consumer and not yet applied; 0 when it has applied all it was
 *   given. It keeps growing while a poll cannot be applied (the database away), which is when it
 *   matters. Records fetched but still queued in the connector are the Kafka client's
 *   {@code records-lag} metric.</li>
 *   <li>{@code pledge_consumer_delay_seconds{consumer}}: per record, its Kafka timestamp to the
 *   commit of its poll's effects — when the effect became visible (a histogram, for p50/p99).</li>
 *   <li>{@code pledge_consumer_dead_lettered_total{consumer,topic}}: records sent to a .dlq.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsumerLag {

    private final MeterRegistry meters;
    private final Clock clock;
    /** Per consumer: the Kafka timestamp (epoch ms) of the oldest record being applied, 0 when none. */
    private final Map<String, AtomicLong> oldestPending = new ConcurrentHashMap<>();
    private final Map<String, Timer> delays = new ConcurrentHashMap<>();

    public ConsumerLag(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** A poll was handed to {@code consumer}. */
    public void received(String consumer, ConsumerRecords<String, byte[]> records) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, byte[]> record : records) {
            oldest = Math.min(oldest, record.timestamp());
        }
        if (oldest != Long.MAX_VALUE) {
            pending(consumer).set(oldest);
        }
    }

    /** The poll's effects are committed (and its poison dead-lettered). */
    public void applied(String consumer, ConsumerRecords<String, byte[]> records) {
        long now = clock.millis();
        Timer delay = delays.computeIfAbsent(consumer, c -> Timer.builder("pledge.consumer.delay")
                .description("Kafka timestamp of a record to the commit of its effects")
                .tag("consumer", c)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters));
        for (ConsumerRecord<String, byte[]> record : records) {
            delay.record(Duration.ofMillis(Math.max(0, now - record.timestamp())));
        }
        pending(consumer).set(0);
    }

    public void deadLettered(String consumer, String topic) {
        Counter.builder("pledge.consumer.dead.lettered")
                .description("Records sent to their topic's .dlq")
                .tags("consumer", consumer, "topic", topic)
                .register(meters)
                .increment();
    }

    private AtomicLong pending(String consumer) {
        return oldestPending.computeIfAbsent(consumer, c -> {
            AtomicLong oldest = new AtomicLong();
            Gauge.builder("pledge.consumer.lag", oldest, o -> o.get() == 0 ? 0 : Math.max(0, clock.millis() - o.get()) / 1000.0)
                    .description("Seconds since the oldest record handed to the consumer and not yet applied")
                    .baseUnit("seconds")
                    .tag("consumer", c)
                    .register(meters);
            return oldest;
        });
    }
}
