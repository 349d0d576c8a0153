package io.pledge.kpi.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.aggregate.KpiStore;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import io.pledge.kpi.measure.Measure;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A bucket's snapshot waits for its size's {@code kpi.snapshot-delay}, and takes every change made meanwhile. */
@QuarkusTest
class SnapshotDelayTest {

    @Inject
    KpiStore store;

    @Inject
    KpiConfig config;

    @Test
    void aWeeksChangesWithinItsDelayGoOutAsOneSnapshotOnceTheDelayHasPassed() {
        Duration delay = config.snapshotDelay().week();
        assertFalse(delay.isZero(), "the test needs a week delay");
        String team = "delay-" + UUID.randomUUID();
        Instant at = Instant.now();
        Measure opened = Measure.count("tickets.opened", List.of(new Dimension("team", team)), at);
        String week = key(team, BucketSize.WEEK, at);
        try (TopicReader snapshots = KafkaTestSupport.readFromNowOn(Topics.KPI_SNAPSHOTS)) {
            Instant firstChange = Instant.now();
            QuarkusTransaction.requiringNew().run(() -> store.apply(List.of(opened)));
            // the day waits for nothing: its first change is published on its own
            await().atMost(delay).pollInterval(Duration.ofMillis(100))
                    .until(() -> !snapshots.records(r -> key(team, BucketSize.DAY, at).equals(r.key())).isEmpty());
            QuarkusTransaction.requiringNew().run(() -> store.apply(List.of(opened)));

            await().atMost(delay.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !snapshots.records(r -> week.equals(r.key())).isEmpty());
            List<ConsumerRecord<String, byte[]>> published = snapshots.records(r -> week.equals(r.key()));
            JsonNode first = EventCodec.parse(published.get(0).value());
            assertEquals(2.0, first.path("value").asDouble(), "the week's first snapshot holds both changes");
            Instant asOf = Instant.parse(first.path("asOf").asText());
            assertFalse(asOf.isBefore(firstChange.plus(delay)),
                    "the week's snapshot went out at " + asOf + ", before its delay from the first change at " + firstChange);
        }
    }

    private String key(String team, BucketSize size, Instant at) {
        return "tickets.opened/team=" + team + "/" + size.name().toLowerCase(java.util.Locale.ROOT) + ":"
                + size.startOf(at, config.zone());
    }
}
