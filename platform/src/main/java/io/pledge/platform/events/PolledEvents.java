package io.pledge.platform.events;

import io.pledge.platform.events.IdempotentConsumer.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * <p>Failures, by whose fault they are:
 * <ul>
 *   <li>Not the events' ({@link TransientFailures}: a lock or version another transaction holds,
 *   a deadlock, the database away): the poll is tried again whole, with a growing delay
 *   ({@link PollTransaction}); if that outlasts five minutes the channel fails, nothing is
 *   dead-lettered, and a restart resumes at the last committed offset.</li>
 *   <li>Anything else is tried again at once (a race lost to another replica looks like this),
 *   and if it persists the poll is split in two halves applied one after the other, each in its
 *   own transaction, and so on down to the one event that fails alone: that one goes to the .dlq,
 *   every other event of the poll is applied, in the poll's order (so per key).</li>
 * </ul>
 * Offsets are committed after this returns; if sending a dead letter fails, the channel fails and
 * a restart resumes from the last commit, nothing lost.
 */
@ApplicationScoped
public class PolledEvents {

    private static final Logger LOG = Logger.getLogger(PolledEvents.class);

    /** Tries of a part of a poll, failing other than transiently, before it is split. */
    private static final int ATTEMPTS = 3;

    @Inject
    InboundEventReader reader;

    @Inject
    PollTransaction transaction;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ConsumerLag lag;

    /**
     * @param consumer the processed-event consumer name (one per service and topic)
     * @param effect   applies the given events, in order, inside the caller's transaction
     */
    public void apply(String consumer, ConsumerRecords<String, byte[]> records, Consumer<List<InboundEvent>> effect) {
        lag.received(consumer, records);
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
        Map<Delivery, RuntimeException> failed = new LinkedHashMap<>();
        applyPart(readable, effect, failed);
        failed.forEach((delivery, reason) -> poison.put(recordOf.get(delivery), reason));
        // after the poll's effects are committed: whoever sees a record in a .dlq sees what came before it applied
        poison.forEach((record, reason) -> {
            deadLetters.send(record, reason);
            lag.deadLettered(consumer, record.topic());
        });
        lag.applied(consumer, records);
    }

    /** Applies {@code part} in one transaction, or split until each event that fails by itself is found. */
    private void applyPart(List<Delivery> part, Consumer<List<InboundEvent>> effect, Map<Delivery, RuntimeException> failed) {
        if (part.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                transaction.run(part, effect);
                return;
            } catch (PollTransaction.Transient e) {
                throw e; // retried for minutes already: the channel fails, nothing is dead-lettered
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (part.size() == 1) {
            LOG.warnf(failure, "event %s (%s) cannot be applied; it goes to the dead-letter topic",
                    part.get(0).event().id(), part.get(0).event().type().type());
            failed.put(part.get(0), failure);
            return;
        }
        LOG.infof("a part of %d events failed (%s); applying its halves one after the other", part.size(), failure);
        int half = part.size() / 2;
        applyPart(part.subList(0, half), effect, failed);
        applyPart(part.subList(half, part.size()), effect, failed);
    }
}
