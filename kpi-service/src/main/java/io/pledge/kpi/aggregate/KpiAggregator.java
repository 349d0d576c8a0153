package io.pledge.kpi.aggregate;

import io.pledge.kpi.measure.EventMeasures;
import io.pledge.kpi.measure.Ledger;
import io.pledge.kpi.measure.Measure;
import io.pledge.kpi.rebuild.Replay;
import io.pledge.platform.events.IdempotentConsumer;
import io.pledge.platform.events.IdempotentConsumer.Delivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of events to the KPIs in one transaction: the events' ids recorded as processed,
 * the ledger of what was counted per case updated and their measures added, or none of it. An
 * event seen before is skipped; an event whose measures cannot be computed is left out and handed
 * back, to go to the dead-letter topic.
 */
@ApplicationScoped
public class KpiAggregator {

    /** An event that could not be applied, and why. */
    public record Rejected(Delivery delivery, RuntimeException reason) {
    }

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    KpiStore store;

    @Inject
    KpiConfig config;

    @Inject
    LedgerStore ledgers;

    @Inject
    EntityManager em;

    /**
     * A lost race or the database briefly away: the whole batch again, in a new transaction.
     *
     * @param confirm runs once the batch's ids are recorded, before anything is applied; an
     *                exception from it rolls the batch back (Replay.confirm: a rebuild began)
     */
    @Retry(maxRetries = 30, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200,
            maxDuration = 5, durationUnit = ChronoUnit.MINUTES, abortOn = Replay.Stale.class)
    public List<Rejected> apply(List<Delivery> batch, Runnable confirm) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            // repeats out first: what a case's entry says must not depend on an event applied before
            List<Delivery> fresh = idempotent.firstDeliveries(batch);
            confirm.run();
            Ledger ledger = ledgers.load(Ledger.Keys.of(fresh.stream().map(Delivery::event).toList()));
            ZoneId zone = config.zone();
            List<Measure> measures = new ArrayList<>();
            List<Rejected> rejected = new ArrayList<>();
            // in the batch's order: each case's events come in the order of its topic and key
            for (Delivery delivery : fresh) {
                try {
                    measures.addAll(EventMeasures.of(delivery.event(), ledger, zone));
                    ledger.keep();
                } catch (RuntimeException e) {
                    ledger.discard();
                    rejected.add(new Rejected(delivery, e));
                }
            }
            forget(rejected);
            ledgers.save(ledger);
            store.apply(measures);
            return rejected;
        });
    }

    /** A rejected event was not applied: its processed-id row goes, so that a replay rejects it again. */
    private void forget(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        delete from processed_event p
                        using unnest(cast(?1 as text[]), cast(?2 as text[])) as r(consumer, event_id)
                        where p.consumer = r.consumer and p.event_id = r.event_id""")
                .setParameter(1, rejected.stream().map(r -> r.delivery().consumer()).toArray(String[]::new))
                .setParameter(2, rejected.stream().map(r -> r.delivery().event().id()).toArray(String[]::new))
                .executeUpdate();
    }
}
