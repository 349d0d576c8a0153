package io.pledge.kpi.snapshot;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import io.pledge.kpi.measure.Measure;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Once changes stop, the last snapshot of every key is the value the REST API shows. */
@QuarkusTest
class SnapshotRaceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    KpiStore store;

    @Inject
    KpiConfig config;

    @Inject
    SnapshotPublisher publisher;

    @Inject
    EntityManager em;

    /**
     * The race behind a frozen snapshot, played out step by step: a change is written while its
     * bucket's mark from an earlier change is still there, and the publisher takes that mark before
     * the change commits. The change must still be published.
     */
    @Test
    void aChangeCommittingAfterThePublisherTookItsBucketIsPublishedToo() throws Exception {
        boolean raced = false;
        for (int attempt = 0; attempt < 10 && !raced; attempt++) {
            String team = "race-" + UUID.randomUUID();
            Instant at = Instant.now();
            Measure opened = Measure.count("tickets.opened", List.of(new Dimension("team", team)), at);
            try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
                QuarkusTransaction.requiringNew().run(() -> store.apply(List.of(opened)));

                CountDownLatch written = new CountDownLatch(1);
                CountDownLatch commit = new CountDownLatch(1);
                CompletableFuture<Void> change = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
                    store.apply(List.of(opened));
                    written.countDown();
                    hold(commit);
                }));
                try {
                    assertTrue(written.await(10, TimeUnit.SECONDS));
                    // the race needs the first change's mark still there (the scheduled publisher may have taken it)
                    raced = marked(team);
                    if (raced) {
                        publisher.publishBatch(true);
                    }
                } finally {
                    commit.countDown();
                    change.get(10, TimeUnit.SECONDS);
                }
                if (raced) {
                    awaitLastSnapshotIsTheRestValue(snapshots, team, at, 2.0);
                }
            }
        }
        assertTrue(raced, "the first change's mark was always gone before the second change was written");
    }

    /** The same through the topics: several producers change one key at once while the publisher runs. */
    @Test
    void manyConcurrentChangesOfOneKeyEndOnTheRestValue() {
        String team = "burst-" + UUID.randomUUID();
        Instant at = Instant.now();
        int producers = 4;
        int rounds = 10;
        int perRound = 5;
        try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
            List<CompletableFuture<Void>> sending = IntStream.range(0, producers).mapToObj(p -> CompletableFuture.runAsync(() -> {
                for (int round = 0; round < rounds; round++) {
                    List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
                    for (int i = 0; i < perRound; i++) {
                        TicketFacts ticket = new TicketFacts(UUID.randomUUID(), "CRM-B", Channel.CHAT, Category.INQUIRY,
                                Priority.LOW, TicketStatus.OPEN, team, null, null);
                        batch.add(cloudEvent(new TicketOpened(ticket, null, "crm", List.of(), at, null), at));
                    }
                    @SuppressWarnings("unchecked")
                    ProducerRecord<String, byte[]>[] records = batch.toArray(new ProducerRecord[0]);
                    KafkaTestSupport.send(records);
                }
            })).toList();
            sending.forEach(CompletableFuture::join);
            awaitLastSnapshotIsTheRestValue(snapshots, team, at, producers * rounds * perRound);
        }
    }

    /**
     * A publishing round claims its marks and commits before it reads anything, so a change to a bucket
     * it has claimed does not wait for the round (it used to wait until the round's snapshots were
     * recorded, issue #17); the change clears the claim, so the mark outlives the round and the next
     * round publishes the new value.
     */
    @Test
    void aChangeToABucketARoundHasClaimedDoesNotWaitForItAndIsPublishedByTheNextRound() throws Exception {
        boolean claimedOurs = false;
        for (int attempt = 0; attempt < 10 && !claimedOurs; attempt++) {
            String team = "claimed-" + UUID.randomUUID();
            Instant at = Instant.now();
            Measure opened = Measure.count("tickets.opened", List.of(new Dimension("team", team)), at);
            try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
                QuarkusTransaction.requiringNew().run(() -> store.apply(List.of(opened)));
                UUID claim = UUID.randomUUID();
                List<Object[]> marks = QuarkusTransaction.requiringNew().call(() -> publisher.claim(true, claim));
                // the scheduled publisher may have claimed the team's marks first
                claimedOurs = marks.stream().anyMatch(m -> team.equals(m[2]) && "DAY".equals(m[3]));
                if (claimedOurs) {
                    CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> store.apply(List.of(opened))))
                            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    QuarkusTransaction.requiringNew().run(() -> publisher.publish(marks));
                    QuarkusTransaction.requiringNew().run(() -> publisher.release(claim, true));
                    awaitLastSnapshotIsTheRestValue(snapshots, team, at, 2.0);
                } else {
                    QuarkusTransaction.requiringNew().run(() -> publisher.release(claim, false));
                }
            }
        }
        assertTrue(claimedOurs, "the scheduled publisher always claimed the team's marks first");
    }

    /** Marks claimed by a round that never finished (its replica stopped) are published once the claim expires. */
    @Test
    void marksOfARoundThatNeverFinishedArePublishedOnceItsClaimExpires() {
        String team = "abandoned-" + UUID.randomUUID();
        Instant at = Instant.now();
        Measure opened = Measure.count("tickets.opened", List.of(new Dimension("team", team)), at);
        try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
            UUID claim = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> {
                store.apply(List.of(opened));
                // as a round claims them, but claimed before the expiry: that round is gone
                em.createNativeQuery("""
                                update kpi_dirty set claim = ?1, claimed_at = ?2
                                where dimension = 'team' and dimension_value = ?3""")
                        .setParameter(1, claim)
                        .setParameter(2, java.sql.Timestamp.from(Instant.now().minus(SnapshotPublisher.CLAIM_EXPIRY).minusSeconds(1)))
                        .setParameter(3, team)
                        .executeUpdate();
            });
            awaitLastSnapshotIsTheRestValue(snapshots, team, at, 1.0);
        }
    }

    private boolean marked(String team) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        select count(*) from kpi_dirty
                        where metric = 'tickets.opened' and dimension = 'team' and dimension_value = ?1 and bucket_size = 'DAY'""")
                .setParameter(1, team).getSingleResult()).intValue() == 1);
    }

    private void awaitLastSnapshotIsTheRestValue(TopicReader snapshots, String team, Instant at, double expected) {
        Instant day = BucketSize.DAY.startOf(at, config.zone());
        String key = "tickets.opened/team=" + team + "/day:" + day;
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<ConsumerRecord<String, byte[]>> published = snapshots.records(r -> key.equals(r.key()));
            return !published.isEmpty()
                    && EventCodec.parse(published.get(published.size() - 1).value()).path("value").asDouble() == expected
                    && restValue(team, day) == expected;
        });
    }

    private static double restValue(String team, Instant day) {
        return given().auth().oauth2(Tokens.withRoles("dashboard")).queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + team).queryParam("bucket", "day")
                .queryParam("from", day.toString()).queryParam("to", day.plus(Duration.ofDays(1)).toString())
                .get("/api/v1/kpis").then().statusCode(200).extract().jsonPath().getList("points.value", Double.class)
                .stream().findFirst().orElse(Double.NaN);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
