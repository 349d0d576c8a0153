package io.pledge.platform.events;

import io.pledge.platform.events.IdempotentConsumer.Delivery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies a Kafka poll at a time (blueprint §3, batches): the poll's new events in one
 * transaction, their ids recorded in one statement, so that everything the consumer holds for a
 * key is applied before anything is announced from it. Records that are not readable events go to
 * their topic's .dlq after the commit.
 *
 * <p>A poll's transaction that fails is tried again a few times at once (a lost race with another
 * writer of the same rows fails it as a whole). If it still fails, its events are applied one per transaction
 * ({@link IdempotentConsumer#applyOnce}, with its retries), which isolates a poison event: the one
 * that still fails goes to the .dlq alone and the others are applied — unless it failed because
 * the database is away, which is no fault of the event: then the channel fails and nothing is
 * dead-lettered (blueprint §3: no event is lost if the database stops). Offsets are committed after
 * this returns; if sending a dead letter fails, the channel fails and a restart resumes from the
 * last commit, nothing lost.
 */
@ApplicationScoped
public class PolledEvents {

    private static final Logger LOG = Logger.getLogger(PolledEvents.class);

    @Inject
    InboundEventReader reader;

    @Inject
    IdempotentConsumer idempotent;

    @Inject
    DeadLetters deadLetters;

    @Inject
    EntityManager em;

    /** Tries of a whole poll before it is applied one event at a time. */
    private static final int POLL_ATTEMPTS = 3;

    /**
     * @param consumer the processed-event consumer name (one per service and topic)
     * @param effect   applies the given events, in order, inside the caller's transaction
     */
    public void apply(String consumer, ConsumerRecords<String, byte[]> records, Consumer<List<InboundEvent>> effect) {
        Map<Delivery, ConsumerRecord<String, byte[]>> recordOf = new IdentityHashMap<>();
        List<Delivery> readable = new ArrayList<>(records.count());
        Map<ConsumerRecord<String, byte[]>, RuntimeException> poison = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Delivery delivery = new Delivery(consumer, reader.read(record));
                recordOf.put(delivery, record);
                readable.add(delivery);
            } catch (PoisonMessageException e) {
                poison.put(record, e);
            }
        }
        if (!readable.isEmpty() && !appliedAtOnce(readable, effect)) {
            for (Delivery delivery : readable) {
                try {
                    idempotent.applyOnce(consumer, delivery.event(), event -> effect.accept(List.of(event)));
                } catch (RuntimeException e) {
                    if (databaseAway()) {
                        throw e; // not the event's fault: the channel fails, a restart resumes at the last commit
                    }
                    poison.put(recordOf.get(delivery), e);
                }
            }
        }
        // after the poll's effects are committed: whoever sees a record in a .dlq sees what came before it applied
        poison.forEach(deadLetters::send);
    }

    private boolean appliedAtOnce(List<Delivery> readable, Consumer<List<InboundEvent>> effect) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> effect.accept(
                        idempotent.firstDeliveries(readable).stream().map(Delivery::event).toList()));
                return true;
            } catch (RuntimeException e) {
                if (attempt == POLL_ATTEMPTS) {
                    LOG.warnf("a poll of %d events could not be applied at once (%s); applying them one by one",
                            readable.size(), e.toString());
                    return false;
                }
            }
        }
    }

    /** Whether the database answers no more (asked after a failure): then the failure was not the event's. */
    private boolean databaseAway() {
        try {
            QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select 1").getSingleResult());
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
