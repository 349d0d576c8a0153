package io.pledge.kpi.aggregate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the event consumer is working through a backlog: it is while its polls come back full.
 * The snapshot publisher defers history (buckets that are not current) while a backlog drains, so
 * that a replay is not slowed down by snapshots of values about to change again.
 */
@ApplicationScoped
public class ConsumerProgress {

    /**
     * A poll this size is full: more records are waiting. The consumer's own setting (5,000 in
     * application.properties); the default is Kafka's, which applies when the setting is absent.
     */
    @ConfigProperty(name = "mp.messaging.incoming.events.max.poll.records", defaultValue = "500")
    int maxPollRecords;

    @Inject
    Clock clock;

    private volatile Instant lastFullPoll = Instant.EPOCH;

    void polled(int records) {
        if (records >= maxPollRecords) {
            lastFullPoll = clock.instant();
        }
    }

    /** True while a full poll came within the last second. */
    public boolean draining() {
        return Duration.between(lastFullPoll, clock.instant()).compareTo(Duration.ofSeconds(1)) < 0;
    }
}
