package io.pledge.complaint;

import io.pledge.platform.events.ProcessedEventRetention;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform's processed_event pruning (issue #17), against a service's real database: the
 * platform module has no database of its own, so complaint-service (system clock, default 30-day
 * retention) stands in for every service.
 */
@QuarkusTest
class ProcessedEventRetentionTest {

    @Inject
    ProcessedEventRetention retention;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Test
    void pruningRemovesTheIdsPastTheRetentionAndLeavesNoneYoungerMissing() {
        String consumer = "retention-test." + UUID.randomUUID();
        Instant now = clock.instant();
        List<Instant> old = List.of(now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(400)));
        List<Instant> young = List.of(now.minus(Duration.ofDays(29)), now.minus(Duration.ofHours(1)), now);
        QuarkusTransaction.requiringNew().run(() -> {
            for (Instant at : old) {
                insert(consumer, "old-" + at, at);
            }
            for (Instant at : young) {
                insert(consumer, "young-" + at, at);
            }
        });

        while (retention.purge() > 0) {
            // other tests' ids are all younger than the retention; only ours are due
        }

        List<?> left = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select event_id from processed_event where consumer = ?1 order by event_id")
                .setParameter(1, consumer).getResultList());
        assertEquals(young.stream().map(at -> "young-" + at).sorted().toList(), left);
    }

    private void insert(String consumer, String eventId, Instant at) {
        em.createNativeQuery("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        values (?1, ?2, 'ticket.opened', ?3)""")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, Timestamp.from(at))
                .executeUpdate();
    }
}
