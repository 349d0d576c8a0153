package io.pledge.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in {@code
 * processed_event} in the same transaction as the effect, so a redelivered or replayed event
 * changes nothing, and an effect that fails leaves no record that it happened.
 */
@ApplicationScoped
public class IdempotentConsumer {

    @Inject
    EntityManager em;

    /**
     * Runs {@code effect} in a new transaction unless {@code consumer} has applied this event before.
     * A failure other than poison (database briefly away, a lost race) is retried; a poison
     * message, or a failure that outlasts the retries, goes back to the caller and so to the
     * dead-letter topic.
     *
     * @return whether the effect ran (false: a repeat)
     */
    @Retry(maxRetries = 30, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200,
            maxDuration = 5, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonMessageException.class)
    public boolean applyOnce(String consumer, InboundEvent event, Consumer<InboundEvent> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int first = em.createNativeQuery("""
                            insert into processed_event (consumer, event_id, event_type, processed_at)
                            values (?1, ?2, ?3, now())
                            on conflict do nothing""")
                    .setParameter(1, consumer)
                    .setParameter(2, event.id())
                    .setParameter(3, event.type().type())
                    .executeUpdate();
            if (first == 0) {
                return false;
            }
            effect.accept(event);
            return true;
        });
    }
}
