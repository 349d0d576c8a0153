package io.pledge.platform.events;

import io.pledge.platform.events.IdempotentConsumer.Delivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * One transaction of a poll (or of a part of it, see {@link PolledEvents}): the deliveries' ids
 * recorded in one statement, and the effect of those seen for the first time. A failure that is
 * not the events' fault ({@link TransientFailures}, or the database not answering) is retried, the
 * whole part again, with a growing delay, for up to five minutes; after that it goes to the
 * caller, which fails the channel: nothing is dead-lettered for it, and a restart resumes at the
 * last committed offset.
 */
@ApplicationScoped
class PollTransaction {

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    EntityManager em;

    /** A failure that is not the events' own, to be retried. */
    static final class Transient extends RuntimeException {
        Transient(RuntimeException cause) {
            super(cause.toString(), cause);
        }
    }

    @Retry(retryOn = Transient.class, maxRetries = -1, maxDuration = 5, durationUnit = ChronoUnit.MINUTES,
            delay = 50, delayUnit = ChronoUnit.MILLIS, jitter = 25, jitterDelayUnit = ChronoUnit.MILLIS)
    @ExponentialBackoff(maxDelay = 2, maxDelayUnit = ChronoUnit.SECONDS)
    public void run(List<Delivery> deliveries, Consumer<List<InboundEvent>> effect) {
        try {
            QuarkusTransaction.requiringNew().run(() -> effect.accept(
                    idempotent.firstDeliveries(deliveries).stream().map(Delivery::event).toList()));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e) || databaseAway()) {
                throw new Transient(e);
            }
            throw e;
        }
    }

    /** Whether the database answers no more (asked after a failure): then the failure was not the events'. */
    private boolean databaseAway() {
        try {
            QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select 1").getSingleResult());
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
