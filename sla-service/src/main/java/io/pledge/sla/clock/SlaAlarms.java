package io.pledge.sla.clock;

import io.pledge.platform.time.FixedDelayTask;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Announces warnings and breaches when their instant comes, not only when an event arrives. Every
 * replica scans; {@code FOR UPDATE SKIP LOCKED} hands each due clock to one of them, and the
 * announcement is committed with the clock's updated state in one transaction, so two replicas
 * never announce the same breach and a restart misses nothing (the scan picks up whatever is due).
 */
@ApplicationScoped
public class SlaAlarms {

    private static final Logger LOG = Logger.getLogger(SlaAlarms.class);

    @Inject
    EntityManager em;

    @Inject
    SlaClocks clocks;

    @Inject
    Clock clock;

    /** How often due clocks are looked for; the breach announcement is at most this late (plus the scan). */
    @ConfigProperty(name = "sla.alarms.interval", defaultValue = "PT0.25S")
    Duration interval;

    /** Most clocks announced in one transaction. */
    @ConfigProperty(name = "sla.alarms.batch-size", defaultValue = "500")
    int batchSize;

    private FixedDelayTask scans;

    void start(@Observes StartupEvent event) {
        scans = FixedDelayTask.start("sla-alarms", interval, this::scanSafely);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scans != null) {
            scans.close();
        }
    }

    private void scanSafely() {
        try {
            while (scan() == batchSize) {
                // a full batch: more may be due right now
            }
        } catch (RuntimeException e) {
            LOG.warnf("SLA alarm scan failed (retrying): %s", e.toString());
        }
    }

    /** Announces what is due on up to one batch of clocks; returns how many were looked at. */
    int scan() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<SlaClock> due = em.createQuery(
                            "from SlaClock c where c.nextAlertAt <= :now order by c.nextAlertAt", SlaClock.class)
                    .setParameter("now", now)
                    .setMaxResults(batchSize)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                    .getResultList();
            if (due.isEmpty()) {
                return 0;
            }
            Map<UUID, List<ClockTimeline.Mark>> marks = clocks.marksOf(due.stream().map(c -> c.id).toList());
            due.forEach(c -> clocks.announceDue(c, now, marks.getOrDefault(c.id, List.of())));
            return due.size();
        });
    }
}
