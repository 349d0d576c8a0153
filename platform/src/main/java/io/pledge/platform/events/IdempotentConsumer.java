package io.pledge.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in {@code
 * processed_event} in the same transaction as the effect, so a redelivered or replayed event
 * changes nothing, and an effect that fails (its transaction rolled back) leaves no record that it
 * happened. {@link PolledEvents} applies a poll at a time through it.
 */
@ApplicationScoped
public class IdempotentConsumer {

    @Inject
    EntityManager em;

    /** An event as one consumer received it. */
    public record Delivery(String consumer, InboundEvent event) {
    }

    /**
     * For a consumer that applies a batch of events in one transaction (the caller's): records
     * every delivery's event id in one statement and returns the deliveries seen for the first
     * time, each once (a batch may hold the same event twice), in the batch's order. The caller
     * applies exactly these, in the same transaction.
     */
    @SuppressWarnings("unchecked")
    public List<Delivery> firstDeliveries(Collection<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String[] consumers = batch.stream().map(Delivery::consumer).toArray(String[]::new);
        String[] ids = batch.stream().map(d -> d.event().id()).toArray(String[]::new);
        String[] types = batch.stream().map(d -> d.event().type().type()).toArray(String[]::new);
        Set<List<String>> fresh = new HashSet<>();
        for (Object row : em.createNativeQuery("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        select c, e, t, now() from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[])) as b(c, e, t)
                        on conflict do nothing
                        returning consumer, event_id""")
                .setParameter(1, consumers).setParameter(2, ids).setParameter(3, types)
                .getResultList()) {
            Object[] r = (Object[]) row;
            fresh.add(List.of((String) r[0], (String) r[1]));
        }
        // remove as they are taken, so that a second copy within the batch is left out
        return batch.stream().filter(d -> fresh.remove(List.of(d.consumer(), d.event().id()))).toList();
    }
}
