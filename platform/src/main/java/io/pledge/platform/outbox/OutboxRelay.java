package io.pledge.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pledge.contracts.CloudEventRecords;
import io.pledge.platform.PledgeConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events to Kafka as CloudEvents in binary mode, then deletes them.
 *
 * <p>Order: events are spread over lanes by a hash of their key. A relay publishes a lane only
 * while it holds that lane's PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock}), so with
 * several replicas each lane has one publisher at a time and each key's events leave in the order
 * they were written. Unlike a plain {@code FOR UPDATE SKIP LOCKED}, two replicas can never
 * publish two events of one ticket in parallel.
 *
 * <p>Loss: rows are deleted only in the transaction that saw Kafka acknowledge them ({@code
 * acks=all}, idempotent producer). If Kafka, the database or this process stops midway, the rows
 * stay and are sent again: delivery is at least once, and consumers drop repeats by {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** First half of the advisory lock key: marks the lock as an outbox lane (the lane is the second). */
    private static final int LANE_LOCK_SPACE = 0x0B0C5;

    @Inject
    EntityManager em;

    @Inject
    PledgeConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Counter published;

    void start(@Observes StartupEvent event) {
        // what waits to be published: grows while Kafka is away, the number to alert on
        meters.gauge("pledge.outbox.pending", this, OutboxRelay::pending);
        // how late the next event to leave already is: over a minute means the relay or Kafka is stuck
        Gauge.builder("pledge.outbox.oldest.age", this, OutboxRelay::oldestAge)
                .baseUnit("seconds")
                .description("Seconds since the oldest event still in the outbox was written; 0 when none waits")
                .register(meters);
        if (!config.outbox().relayEnabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        published = meters.counter("pledge.outbox.published");
        producer = new KafkaProducer<>(producerConfig());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        wakeUp.release();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        producer.close(Duration.ofSeconds(5));
    }

    /** Events in the outbox, read when metrics are scraped; NaN while the database cannot say. */
    double pending() {
        try {
            return QuarkusTransaction.requiringNew().call(() ->
                    ((Number) em.createNativeQuery("select count(*) from outbox_event").getSingleResult()).doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Seconds since the oldest pending event was written, read when metrics are scraped; 0 when the
     * outbox is empty, NaN while the database cannot say. The lowest id is the oldest: ids follow
     * insertion and each lane leaves in id order, so this is one step down the primary key however
     * long the outbox has grown (created_at has no index of its own).
     */
    double oldestAge() {
        try {
            Instant oldest = QuarkusTransaction.requiringNew().call(() -> em
                    .createQuery("select e.createdAt from OutboxEvent e order by e.id", Instant.class)
                    .setMaxResults(1)
                    .getResultStream().findFirst().orElse(null));
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Asks the relay to look at the outbox now rather than at its next poll. */
    public void nudge() {
        wakeUp.release();
    }

    private void run() {
        long backoffMillis = 0;
        while (running) {
            try {
                int count = publishPendingEvents();
                backoffMillis = 0;
                if (count == 0) {
                    wakeUp.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Kafka or the database is away: the events stay in the outbox; try again, more slowly.
                backoffMillis = Math.min(5_000, Math.max(250, backoffMillis * 2));
                LOG.warnf("Outbox relay could not publish (retrying in %d ms): %s", backoffMillis, e.toString());
                sleep(backoffMillis);
            }
        }
    }

    /**
     * The lanes that have events, one step down the (lane, id) index per lane: a {@code select
     * distinct} read the whole table on every pass, the relay's heaviest query while a backlog was
     * being written (issue #17).
     */
    private static final String LANES_WITH_EVENTS = """
            with recursive lanes(lane) as (
                (select lane from outbox_event order by lane limit 1)
                union all
                select (select e.lane from outbox_event e where e.lane > lanes.lane order by e.lane limit 1)
                from lanes where lanes.lane is not null)
            select lane from lanes where lane is not null""";

    /** One pass over every lane that has events; returns how many were published. */
    int publishPendingEvents() {
        @SuppressWarnings("unchecked")
        List<Number> lanes = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(LANES_WITH_EVENTS)
                .getResultList());
        int count = 0;
        for (Number lane : lanes) {
            count += publishLane(lane.intValue());
        }
        return count;
    }

    private int publishLane(int lane) {
        long timeout = config.outbox().sendTimeout().toSeconds() + 30;
        return QuarkusTransaction.requiringNew().timeout((int) timeout).call(() -> {
            Boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1, ?2)")
                    .setParameter(1, LANE_LOCK_SPACE)
                    .setParameter(2, lane)
                    .getSingleResult();
            if (!mine) {
                return 0; // another replica is publishing this lane
            }
            List<OutboxEvent> batch = em
                    .createQuery("from OutboxEvent e where e.lane = :lane order by e.id", OutboxEvent.class)
                    .setParameter("lane", lane)
                    .setMaxResults(config.outbox().batchSize())
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxEvent event : batch) {
                acks.add(producer.send(toRecord(event)));
            }
            long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            List<Long> ids = batch.stream().map(e -> e.id).toList();
            em.createQuery("delete from OutboxEvent e where e.id in :ids").setParameter("ids", ids).executeUpdate();
            published.increment(batch.size());
            return batch.size();
        });
    }

    static ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        return CloudEventRecords.binary(event.topic, event.key, event.eventId.toString(), URI.create(event.source), event.type,
                event.subject, event.time, URI.create(event.dataSchema), event.payload.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox-relay");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Fail a batch within the send timeout rather than block the relay while Kafka is away.
        int sendTimeoutMs = (int) config.outbox().sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeoutMs);
        int requestTimeoutMs = Math.max(1_000, Math.min(sendTimeoutMs / 2, 10_000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        // Kafka insists on delivery.timeout >= linger + request.timeout.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(sendTimeoutMs, requestTimeoutMs + 5));
        return props;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
