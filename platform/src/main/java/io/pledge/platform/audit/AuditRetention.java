package io.pledge.platform.audit;

import io.pledge.platform.PledgeConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Deletes audit entries older than pledge.audit.retention (default 400 days), a batch at a time. */
@ApplicationScoped
public class AuditRetention {

    private final EntityManager em;
    private final Clock clock;
    private final PledgeConfig config;

    public AuditRetention(EntityManager em, Clock clock, PledgeConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${pledge.audit.purge-every:PT1H}", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        while (purge() == 10_000) {
            // more than one batch was due: go on until the backlog is gone
        }
    }

    /** Deletes up to 10,000 entries older than the retention; returns how many it deleted. */
    @Transactional
    public int purge() {
        return em.createNativeQuery("""
                        delete from audit_entry where id in (
                          select id from audit_entry where at < ?1 limit 10000 for update skip locked)""")
                .setParameter(1, clock.instant().minus(config.audit().retention()))
                .executeUpdate();
    }
}
