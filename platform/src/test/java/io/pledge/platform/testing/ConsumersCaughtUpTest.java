package io.pledge.platform.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsumersCaughtUpTest {

    @Test
    void theGroupsThatStartFromTheEarliestOffsetAreWaitedForWithEveryTopicTheyRead() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.ofEntries(
                Map.entry("mp.messaging.connector.smallrye-kafka.auto.offset.reset", "earliest"),
                Map.entry("mp.messaging.incoming.tickets.connector", "smallrye-kafka"),
                Map.entry("mp.messaging.incoming.tickets.topic", "pledge.tickets"),
                Map.entry("mp.messaging.incoming.tickets.group.id", "sla-service"),
                Map.entry("mp.messaging.incoming.complaints.connector", "smallrye-kafka"),
                Map.entry("mp.messaging.incoming.complaints.topics", "pledge.complaints, pledge.surveys"),
                Map.entry("mp.messaging.incoming.complaints.group.id", "sla-service"),
                Map.entry("mp.messaging.incoming.escalations.connector", "smallrye-kafka"),
                Map.entry("mp.messaging.incoming.escalations.group.id", "reads-its-channel-name"),
                Map.entry("mp.messaging.incoming.live.connector", "smallrye-kafka"),
                Map.entry("mp.messaging.incoming.live.topic", "pledge.kpi.snapshots"),
                Map.entry("mp.messaging.incoming.live.group.id", "live-1"),
                Map.entry("mp.messaging.incoming.live.auto.offset.reset", "latest")), "test", 100)).build();

        assertEquals(Map.of("sla-service", Set.of("pledge.tickets", "pledge.complaints", "pledge.surveys"),
                        "reads-its-channel-name", Set.of("escalations")),
                ConsumersCaughtUp.topicsByGroup(config));
    }
}
