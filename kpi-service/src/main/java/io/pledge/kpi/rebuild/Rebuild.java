package io.pledge.kpi.rebuild;

import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the KPIs from the topics (blueprint §3: replay), with any number of replicas, whichever
 * of them is asked. In one transaction it starts a new epoch in {@code kpi_rebuild} with the end
 * of every partition of the four topics (all of them, not only this replica's), and forgets every
 * base value, the ledger of what was counted per case, and which events it applied; then every
 * replica moves the partitions it holds back to the beginning and applies everything again
 * ({@link Replay}: how a partition that changes hands mid-replay is replayed once, and why an
 * event applied while the truncation happens still counts once).
 *
 * <p>Done when every partition has been replayed up to the end it had when the rebuild began,
 * whichever replica read it: the status comes from the database, the same on every replica.
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

    @Inject
    Replay replay;

    @ConfigProperty(name = "mp.messaging.incoming.events.topics")
    List<String> topics;

    public record Status(String state, Instant startedAt, long partitions, long partitionsDone) {
    }

    public Status start() {
        // where every partition begins and ends now; taken before the truncation, so that every
        // event counted before it is among those replayed (later ones are read after the end anyway)
        Map<TopicPartition, long[]> bounds = kafka.<Object, Object>getConsumers(CHANNEL).get(0).runOnPollingThread(c -> {
            List<TopicPartition> all = new ArrayList<>();
            topics.forEach(t -> c.partitionsFor(t).forEach(p -> all.add(new TopicPartition(t, p.partition()))));
            Map<TopicPartition, Long> begin = c.beginningOffsets(all);
            Map<TopicPartition, Long> end = c.endOffsets(all);
            Map<TopicPartition, long[]> b = new HashMap<>();
            all.forEach(tp -> b.put(tp, new long[]{begin.get(tp), end.get(tp)}));
            return b;
        }).await().atMost(KAFKA_PATIENCE);
        QuarkusTransaction.requiringNew().run(() -> {
            // Waits for every poll's transaction that recorded ids to commit, and holds back the next
            // ones until this commits (Replay: a poll is entirely before the truncation or sees the
            // new epoch); also makes two requests on two replicas take turns.
            em.createNativeQuery("lock table processed_event in exclusive mode").executeUpdate();
            Status last = status();
            if ("RUNNING".equals(last.state())) {
                throw ProblemException.conflict("a rebuild started at " + last.startedAt() + " is still running");
            }
            long epoch = ((Number) em.createNativeQuery("select coalesce(max(epoch), 0) + 1 from kpi_rebuild")
                    .getSingleResult()).longValue();
            em.createNativeQuery("insert into kpi_rebuild (epoch, started_at) values (?1, ?2)")
                    .setParameter(1, epoch).setParameter(2, Timestamp.from(clock.instant())).executeUpdate();
            List<TopicPartition> partitions = List.copyOf(bounds.keySet());
            em.createNativeQuery("""
                            insert into kpi_rebuild_partition (epoch, topic, partition, begin_offset, end_offset, replayed_to)
                            select ?1, t, p, b, e, b - 1
                            from unnest(cast(?2 as text[]), cast(?3 as int[]), cast(?4 as bigint[]), cast(?5 as bigint[])) as r(t, p, b, e)""")
                    .setParameter(1, epoch)
                    .setParameter(2, partitions.stream().map(TopicPartition::topic).toArray(String[]::new))
                    .setParameter(3, partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new))
                    .setParameter(4, partitions.stream().map(tp -> bounds.get(tp)[0]).toArray(Long[]::new))
                    .setParameter(5, partitions.stream().map(tp -> bounds.get(tp)[1]).toArray(Long[]::new))
                    .executeUpdate();
            em.createNativeQuery("""
                    truncate kpi_value, kpi_distribution, kpi_dirty, kpi_clock_start, kpi_clock_alarm, kpi_clock_stop,
                             kpi_ticket, kpi_complaint, kpi_visit""").executeUpdate();
            em.createNativeQuery("delete from processed_event where consumer like 'kpi-service.%'").executeUpdate();
        });
        replay.joinLatest(); // this replica at once; the others within kpi.rebuild.check-every
        return QuarkusTransaction.requiringNew().call(this::status);
    }

    /** The latest rebuild: DONE once every partition of it is replayed to its end, whichever replica read it. */
    public Status status() {
        List<?> rows = em.createNativeQuery("""
                        select r.started_at, count(p.partition), count(p.partition) filter (where p.replayed_to >= p.end_offset - 1)
                        from kpi_rebuild r left join kpi_rebuild_partition p on p.epoch = r.epoch
                        where r.epoch = (select max(epoch) from kpi_rebuild)
                        group by r.started_at""")
                .getResultList();
        if (rows.isEmpty()) {
            return new Status("NEVER_RUN", null, 0, 0);
        }
        Object[] row = (Object[]) rows.get(0);
        long partitions = ((Number) row[1]).longValue();
        long done = ((Number) row[2]).longValue();
        return new Status(done == partitions ? "DONE" : "RUNNING", instant(row[0]), partitions, done);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return value instanceof OffsetDateTime t ? t.toInstant() : (Instant) value;
    }
}
