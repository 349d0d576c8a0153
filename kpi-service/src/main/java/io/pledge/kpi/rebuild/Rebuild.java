package io.pledge.kpi.rebuild;

import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds the KPIs from the topics (blueprint §3: replay). In one transaction it forgets every
 * base value, the ledger of what was counted per case, and which events it applied; then it moves
 * this instance's consumer back to the beginning of the four topics, and it applies everything
 * again. Because each event's effect and its processed-id row are one transaction, an event applied
 * while this happens still counts once.
 *
 * <p>Done when every partition this instance reads has been replayed up to the end it had when
 * the rebuild began. With several replicas, each reads only its own partitions: scale to one
 * replica for a rebuild (deploy/README.md).
 */
@ApplicationScoped
public class Rebuild {

    /** The channel reading all four topics (KpiEventsHandler). */
    static final String CHANNEL = "events";
    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(30);

    @Inject
    KafkaClientService kafka;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Where each partition's replay must reach, and where it starts (empty: none running). */
    private final Map<TopicPartition, long[]> bounds = new ConcurrentHashMap<>();
    /** Per partition: the highest offset handled since the replay reached it (absent: not yet). */
    private final Map<TopicPartition, Long> replayed = new ConcurrentHashMap<>();
    private volatile Instant startedAt;

    public record Status(String state, Instant startedAt, long partitions, long partitionsDone) {
    }

    public synchronized Status start() {
        if (startedAt != null && !done()) {
            throw ProblemException.conflict("a rebuild started at " + startedAt + " is still running");
        }
        bounds.clear();
        replayed.clear();
        for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(CHANNEL)) {
            bounds.putAll(consumer.runOnPollingThread(c -> {
                Set<TopicPartition> assigned = c.assignment();
                Map<TopicPartition, Long> begin = c.beginningOffsets(assigned);
                Map<TopicPartition, Long> end = c.endOffsets(assigned);
                Map<TopicPartition, long[]> b = new HashMap<>();
                assigned.forEach(tp -> b.put(tp, new long[]{begin.get(tp), end.get(tp)}));
                return b;
            }).await().atMost(KAFKA_PATIENCE));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    truncate kpi_value, kpi_distribution, kpi_dirty, kpi_clock_start, kpi_clock_alarm, kpi_clock_stop,
                             kpi_ticket, kpi_complaint, kpi_visit""").executeUpdate();
            em.createNativeQuery("delete from processed_event where consumer like 'kpi-service.%'").executeUpdate();
        });
        startedAt = clock.instant();
        for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(CHANNEL)) {
            consumer.runOnPollingThread(c -> {
                c.seekToBeginning(c.assignment());
            }).await().atMost(KAFKA_PATIENCE);
        }
        return status();
    }

    /** Called by the event handlers for every record they handled (applied, repeated or poison). */
    public void handled(ConsumerRecord<?, ?> record) {
        if (startedAt == null) {
            return;
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        long[] b = bounds.get(tp);
        if (b == null) {
            return;
        }
        // records polled before the seek may still arrive; the replay has begun once the first offset shows
        if (record.offset() <= b[0]) {
            replayed.merge(tp, record.offset(), Math::max);
        } else {
            replayed.computeIfPresent(tp, (k, v) -> Math.max(v, record.offset()));
        }
    }

    public Status status() {
        if (startedAt == null) {
            return new Status("NEVER_RUN", null, 0, 0);
        }
        long done = bounds.entrySet().stream().filter(e -> partitionDone(e.getKey(), e.getValue())).count();
        return new Status(done == bounds.size() ? "DONE" : "RUNNING", startedAt, bounds.size(), done);
    }

    private boolean done() {
        return bounds.entrySet().stream().allMatch(e -> partitionDone(e.getKey(), e.getValue()));
    }

    private boolean partitionDone(TopicPartition tp, long[] b) {
        if (b[1] <= b[0]) {
            return true; // nothing to replay
        }
        Long reached = replayed.get(tp);
        return reached != null && reached >= b[1] - 1;
    }
}
