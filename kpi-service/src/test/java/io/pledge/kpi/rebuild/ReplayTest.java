package io.pledge.kpi.rebuild;

import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How a replica takes part in a rebuild, against the real database: a second replica ({@link
 * Replay} of its own) with a {@link MockConsumer} for its Kafka consumer, holding a partition of
 * a topic of this test's own, so that the service's own consumer is not disturbed.
 */
@QuarkusTest
class ReplayTest {

    @Inject
    EntityManager em;

    private final TopicPartition partition = new TopicPartition("kpi-replay-test-" + UUID.randomUUID(), 0);

    /** Another replica sharing this service's database. */
    private Replay replica() {
        Replay replica = new Replay();
        replica.em = em;
        return replica;
    }

    /** A consumer holding the partition, standing (committed) at {@code committed}. */
    private MockConsumer<String, byte[]> consumerAt(long committed) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(committed)));
        return consumer;
    }

    private ConsumerRecords<String, byte[]> records(long... offsets) {
        List<ConsumerRecord<String, byte[]>> records = LongStream.of(offsets)
                .mapToObj(o -> new ConsumerRecord<String, byte[]>(partition.topic(), partition.partition(), o, "k", new byte[0]))
                .toList();
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    private static List<Long> offsets(Replay.Poll poll) {
        return poll.admitted().stream().map(ConsumerRecord::offset).toList();
    }

    /** A rebuild of this test's partition alone, its replay having reached {@code replayedTo}. */
    private long rebuildReplayedTo(long end, long replayedTo) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long epoch = ((Number) em.createNativeQuery("select coalesce(max(epoch), 0) + 1 from kpi_rebuild")
                    .getSingleResult()).longValue();
            em.createNativeQuery("insert into kpi_rebuild (epoch, started_at) values (?1, ?2)")
                    .setParameter(1, epoch).setParameter(2, Timestamp.from(Instant.now())).executeUpdate();
            em.createNativeQuery("""
                            insert into kpi_rebuild_partition (epoch, topic, partition, begin_offset, end_offset, replayed_to)
                            values (?1, ?2, ?3, 0, ?4, ?5)""")
                    .setParameter(1, epoch).setParameter(2, partition.topic()).setParameter(3, partition.partition())
                    .setParameter(4, end).setParameter(5, replayedTo).executeUpdate();
            return epoch;
        });
    }

    private long replayedTo(long epoch) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select replayed_to from kpi_rebuild_partition where epoch = ?1 and topic = ?2")
                .setParameter(1, epoch).setParameter(2, partition.topic()).getSingleResult()).longValue());
    }

    @AfterEach
    void finishThisTestsRebuilds() {
        // so that RebuildTest may start one: these never had anything to replay
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update kpi_rebuild_partition set replayed_to = end_offset - 1 where topic = ?1")
                .setParameter(1, partition.topic()).executeUpdate());
    }

    @Test
    void aPartitionTakenOverMidReplayResumesAfterTheLastOffsetItsReplayReached() {
        // the replica that held it replayed up to 41; Kafka's committed offset stayed where it was before the rebuild
        long epoch = rebuildReplayedTo(100, 41);
        Replay replica = replica();
        MockConsumer<String, byte[]> consumer = consumerAt(100);

        replica.onPartitionsAssigned(consumer, List.of(partition));

        assertEquals(42, consumer.position(partition));
        Replay.Poll poll = replica.admit(records(42, 43, 60));
        assertEquals(List.of(42L, 43L), offsets(poll), "a record out of the replay's order waits for it");
        replica.applied(poll);
        assertEquals(43, replayedTo(epoch));
    }

    @Test
    void aPartitionTakenOverBehindItsReplayIsReadOnFromWhereItStands() {
        long epoch = rebuildReplayedTo(100, 60);
        Replay replica = replica();
        MockConsumer<String, byte[]> consumer = consumerAt(50);

        replica.onPartitionsAssigned(consumer, List.of(partition));

        assertEquals(50, consumer.position(partition));
        Replay.Poll poll = replica.admit(records(50, 51));
        assertEquals(List.of(50L, 51L), offsets(poll));
        replica.applied(poll);
        assertEquals(60, replayedTo(epoch), "what a replay reached stays reached");
    }

    @Test
    void aPollReadBeforeTheReplicaJoinedARebuildIsAbandonedAndItsRecordsComeAgainInTheReplay() {
        rebuildReplayedTo(100, 99);
        Replay replica = replica();
        MockConsumer<String, byte[]> consumer = consumerAt(100);
        replica.onPartitionsAssigned(consumer, List.of(partition));
        Replay.Poll readBefore = replica.admit(records(100, 101));
        assertEquals(List.of(100L, 101L), offsets(readBefore));

        rebuildReplayedTo(102, -1); // another replica starts a rebuild
        assertThrows(Replay.Stale.class, () -> QuarkusTransaction.requiringNew().run(() -> replica.confirm(readBefore)));
        replica.position(consumer, List.of(partition), Map.of());

        assertEquals(0, consumer.position(partition), "the replay of the new rebuild begins at the beginning");
        assertEquals(List.of(), offsets(replica.admit(records(100, 101))), "records read before the seek wait for the replay");
        assertEquals(List.of(0L, 1L), offsets(replica.admit(records(0, 1))));
    }

    @Test
    void theStatusIsRunningUntilEveryPartitionIsReplayedWhicheverReplicaReadIt() {
        long epoch = rebuildReplayedTo(100, 41);
        given().auth().oauth2(Tokens.withRoles("supervisor")).get("/api/v1/kpis/rebuild")
                .then().statusCode(200).body("state", equalTo("RUNNING")).body("partitions", equalTo(1))
                .body("partitionsDone", equalTo(0));
        given().auth().oauth2(Tokens.withRoles("admin")).post("/api/v1/kpis/rebuild").then().statusCode(409);

        Replay replica = replica();
        MockConsumer<String, byte[]> consumer = consumerAt(42);
        replica.onPartitionsAssigned(consumer, List.of(partition));
        replica.applied(replica.admit(records(LongStream.range(42, 100).toArray())));

        assertEquals(99, replayedTo(epoch));
        given().auth().oauth2(Tokens.withRoles("supervisor")).get("/api/v1/kpis/rebuild")
                .then().statusCode(200).body("state", equalTo("DONE")).body("partitionsDone", equalTo(1));
    }
}
