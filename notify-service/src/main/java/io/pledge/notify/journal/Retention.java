package io.pledge.notify.journal;

import io.pledge.notify.NotifyConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes what is kept no longer: finished deliveries (and their attempts) past
 * {@code notify.webhooks.log-retention}, then received events past {@code notify.journal-retention}
 * that no unfinished delivery still needs. Several replicas may run it at once: deletes are idempotent.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final EntityManager em;
    private final Clock clock;
    private final NotifyConfig config;

    @Inject
    public Retention(EntityManager em, Clock clock, NotifyConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "PT1H", delayed = "PT1M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        int deliveries = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        delete from webhook_delivery where state in ('DELIVERED', 'FAILED') and finished_at < ?1""")
                .setParameter(1, now.minus(config.webhooks().logRetention())).executeUpdate());
        int events = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        delete from received_event e where e.received_at < ?1
                        and not exists (select 1 from webhook_delivery d where d.event_seq = e.seq)""")
                .setParameter(1, now.minus(config.journalRetention())).executeUpdate());
        if (deliveries + events > 0) {
            LOG.infof("retention: deleted %d finished deliveries and %d received events", deliveries, events);
        }
    }
}
