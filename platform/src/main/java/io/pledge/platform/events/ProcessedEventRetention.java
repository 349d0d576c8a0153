package io.pledge.platform.events;

import io.pledge.platform.PledgeConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Keeps processed_event bounded: deletes the ids of events applied longer ago than
 * pledge.events.processed-retention (default 30 days), a batch at a time. Each batch is its own
 * short transaction and skips rows another replica is deleting, so a consumer inserting new ids
 * never waits behind it.
 */
@ApplicationScoped
public class ProcessedEventRetention {

    static final int BATCH = 10_000;

    private final EntityManager em;
    private final Clock clock;
    private final PledgeConfig config;

    public ProcessedEventRetention(EntityManager em, Clock clock, PledgeConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${pledge.events.purge-every:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        while (purge() == BATCH) {
            // more than one batch was due: go on until the backlog is gone
        }
    }

    /** Deletes up to {@value #BATCH} ids older than the retention; returns how many it deleted. */
    @Transactional
    public int purge() {
        return em.createNativeQuery("""
                        delete from processed_event p
                        using (select consumer, event_id from processed_event
                               where processed_at < ?1 limit ?2 for update skip locked) old
                        where p.consumer = old.consumer and p.event_id = old.event_id""")
                .setParameter(1, clock.instant().minus(config.events().processedRetention()))
                .setParameter(2, BATCH)
                .executeUpdate();
    }
}
