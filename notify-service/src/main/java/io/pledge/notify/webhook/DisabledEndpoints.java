package io.pledge.notify.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The webhook endpoints the delivery loop disabled after failing for too long ({@link DeliveryLoop},
 * {@code disable-after}) as gauge {@code pledge.webhook.subscriptions.disabled}: their receivers
 * get nothing until their owner turns them on again, the operator's alert (deploy/k8s). A
 * subscription its owner paused (PUT state DISABLED) has no {@code disabled_at} and is not counted.
 */
@ApplicationScoped
public class DisabledEndpoints {

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry meters;

    void register(@Observes StartupEvent event) {
        Gauge.builder("pledge.webhook.subscriptions.disabled", this, DisabledEndpoints::count)
                .description("Webhook subscriptions disabled after failing for too long, not yet turned on again")
                .register(meters);
    }

    /** Read when metrics are scraped (a few rows: one per subscription); NaN while the database cannot say. */
    double count() {
        try {
            return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                    select count(*) from webhook_subscription where state = 'DISABLED' and disabled_at is not null""")
                    .getSingleResult()).doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
