package io.pledge.kpi.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's part in a rebuild ({@link Rebuild}), whichever replica started it. A rebuild is
 * an epoch in {@code kpi_rebuild}; for every partition of the four topics {@code
 * kpi_rebuild_partition} holds where it ended when the rebuild began and how far its replay has
 * come ({@code replayed_to}: every record up to it applied since the truncation).
 *
 * <p>Each replica joins the latest epoch once: when it sees it (every {@code kpi.rebuild.check-every},
 * at once on the replica that started it, and whenever a poll's transaction finds it), and for a
 * partition when it is assigned one. For each partition it holds it seeks back to {@code
 * replayed_to + 1} (the beginning, for a fresh epoch) and from then on admits that partition's
 * records strictly in offset order from there, a chain: a record applied is one whose every
 * predecessor since the beginning was applied after the truncation, whoever read it, so a
 * partition that moves to another replica mid-replay resumes where its replay stood, and a record
 * read twice (two holders for a moment during a rebalance) is a repeat. Records outside the chain —
 * read before the seek, from where the replica stood before — are left alone (neither applied nor
 * marked): the chain reaches them again. The holder records its chain in {@code replayed_to} after
 * each poll for as long as the epoch is the latest (one small update per poll), because Kafka's
 * committed offsets cannot say where a partition stands after a rebuild: the connector never
 * commits an offset below the highest it processed before a seek back, so a replica that takes
 * over a partition mid-replay would otherwise skip what lies between.
 *
 * <p>Why the truncation cannot meet an event applied half before it: {@link Rebuild#start()}
 * locks {@code processed_event} exclusively before it truncates, and a poll's transaction records
 * its ids in {@code processed_event} first and only then, in {@link #confirm}, reads the latest
 * epoch. So a poll either committed entirely before the truncation (which then forgets its effects
 * and its ids, and the replay applies them again) or recorded its ids after the rebuild committed
 * and sees its epoch: if this replica has not joined that epoch yet, the poll was read outside any
 * chain and {@link Stale} abandons it (rolled back, nothing applied); its records come again in the
 * chain, in their order after every earlier event of their case. Applied on the emptied ledger
 * instead, an event such as a resolution would count without the opening the replay brings later
 * and then skip as a repeat: the counts would differ from the ones before the rebuild.
 *
 * <p>Assumes offsets without gaps (no transactional producers write these topics), as a chain
 * waits for the exact next offset.
 */
@ApplicationScoped
@Default
@Identifier("kpi-replay") // the channel's consumer-rebalance-listener.name; @Default for injection
public class Replay implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(Replay.class);
    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    @Inject
    KafkaClientService kafka;

    /** The epoch this replica has joined (-1: not looked yet) and its chains in it. */
    private volatile View view = new View(-1, new ConcurrentHashMap<>());

    /** A poll read before this replica joined the latest rebuild: to be dropped, its records come again. */
    public static class Stale extends RuntimeException {
        Stale(long known, long latest) {
            super("a poll read in rebuild epoch " + known + " while epoch " + latest + " has begun");
        }
    }

    /** The records of a poll this replica may apply, and where they take its chains. */
    public static final class Poll {
        private final View view;
        private final List<ConsumerRecord<String, byte[]>> admitted;
        private final Map<Chain, Long> nextAfter;

        private Poll(View view, List<ConsumerRecord<String, byte[]>> admitted, Map<Chain, Long> nextAfter) {
            this.view = view;
            this.admitted = admitted;
            this.nextAfter = nextAfter;
        }

        public List<ConsumerRecord<String, byte[]>> admitted() {
            return admitted;
        }
    }

    private record View(long epoch, Map<TopicPartition, Chain> chains) {
    }

    /** A partition's replay at this replica: the offset it admits next. */
    private static final class Chain {
        final TopicPartition partition;
        volatile long next;

        Chain(TopicPartition partition, long next) {
            this.partition = partition;
            this.next = next;
        }
    }

    /** The records of {@code records} to apply now: all of them unless a chain of this replica holds their partition. */
    public Poll admit(ConsumerRecords<String, byte[]> records) {
        View current = view;
        List<ConsumerRecord<String, byte[]>> admitted = new ArrayList<>(records.count());
        Map<Chain, Long> nextAfter = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Chain chain = current.chains().get(new TopicPartition(record.topic(), record.partition()));
            if (chain == null) {
                admitted.add(record);
                continue;
            }
            long next = nextAfter.getOrDefault(chain, chain.next);
            if (record.offset() == next) {
                admitted.add(record);
                nextAfter.put(chain, next + 1);
            }
        }
        return new Poll(current, admitted, nextAfter);
    }

    /**
     * In the poll's transaction, after its ids are recorded in processed_event: throws {@link
     * Stale} if a rebuild began that the poll was not read in (see the class comment).
     */
    public void confirm(Poll poll) {
        long latest = latestEpoch();
        if (latest != poll.view.epoch()) {
            throw new Stale(poll.view.epoch(), latest);
        }
    }

    /** After the poll's transaction committed: its chains move on, and their progress is recorded. */
    public void applied(Poll poll) {
        if (poll.nextAfter.isEmpty()) {
            return;
        }
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> reached = new ArrayList<>();
        poll.nextAfter.forEach((chain, next) -> {
            chain.next = next;
            topics.add(chain.partition.topic());
            partitions.add(chain.partition.partition());
            reached.add(next - 1);
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update kpi_rebuild_partition k set replayed_to = greatest(k.replayed_to, r.reached)
                        from unnest(cast(?1 as text[]), cast(?2 as int[]), cast(?3 as bigint[])) as r(topic, partition, reached)
                        where k.epoch = ?4 and k.topic = r.topic and k.partition = r.partition""")
                .setParameter(1, topics.toArray(String[]::new))
                .setParameter(2, partitions.toArray(Integer[]::new))
                .setParameter(3, reached.toArray(Long[]::new))
                .setParameter(4, poll.view.epoch())
                .executeUpdate());
    }

    /** Joins the latest rebuild if this replica has not yet: seeks every partition it holds (on the polling thread). */
    @Scheduled(every = "${kpi.rebuild.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void joinLatest() {
        if (latestEpoch() != view.epoch()) {
            join(Map.of());
        }
    }

    /**
     * Joins the latest rebuild after {@code dropped} was abandoned ({@link Stale}): its records come
     * again, from the replay or — in a partition the rebuild does not know (created since) — from
     * where the poll began.
     */
    public void rejoin(Poll dropped) {
        Map<TopicPartition, Long> unapplied = new HashMap<>();
        dropped.admitted.forEach(r -> unapplied.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
        join(unapplied); // even if the view is the latest already: it may have moved on since the poll
    }

    private void join(Map<TopicPartition, Long> unapplied) {
        for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(Rebuild.CHANNEL)) {
            consumer.runOnPollingThread(c -> {
                position(c, c.assignment(), unapplied);
            }).await().atMost(KAFKA_PATIENCE);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        position(consumer, partitions, Map.of());
    }

    /**
     * On the polling thread: places the given partitions (all of the assignment when the latest
     * epoch is new to this replica) where the latest rebuild's replay of each stands.
     */
    void position(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Map<TopicPartition, Long> unapplied) {
        long latest = latestEpoch();
        View current = view;
        if (latest != current.epoch()) {
            current = new View(latest, new ConcurrentHashMap<>());
            partitions = consumer.assignment();
        }
        Map<TopicPartition, Long> replayedTo = replayedTo(latest);
        for (TopicPartition partition : partitions) {
            long standing = consumer.position(partition);
            Long reached = replayedTo.get(partition);
            if (reached == null) {
                // no rebuild, or a partition younger than it: read on, from what a dropped poll did not apply
                current.chains().remove(partition);
                Long from = unapplied.get(partition);
                if (from != null && from < standing) {
                    consumer.seek(partition, from);
                }
                continue;
            }
            long resume = reached + 1;
            if (resume < standing) {
                LOG.infof("rebuild %d: %s replayed from offset %d (it stood at %d)", latest, partition, resume, standing);
                consumer.seek(partition, resume);
            } else {
                resume = standing; // what lies between is replayed already: read again, it is a repeat
            }
            current.chains().put(partition, new Chain(partition, resume));
        }
        view = current;
    }

    private long latestEpoch() {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(max(epoch), 0) from kpi_rebuild").getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private Map<TopicPartition, Long> replayedTo(long epoch) {
        Map<TopicPartition, Long> replayedTo = new HashMap<>();
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select topic, partition, replayed_to from kpi_rebuild_partition where epoch = ?1")
                .setParameter(1, epoch).getResultList());
        for (Object[] r : rows) {
            replayedTo.put(new TopicPartition((String) r[0], ((Number) r[1]).intValue()), ((Number) r[2]).longValue());
        }
        return replayedTo;
    }
}
