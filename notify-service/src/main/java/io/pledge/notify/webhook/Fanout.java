package io.pledge.notify.webhook;

import io.pledge.notify.journal.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns events into deliveries, one per matching subscription, in the caller's transaction: the
 * delivery loop ({@link DeliveryLoop}) sends them afterwards. Matching is one statement per poll.
 *
 * <p>Order: a subscription's deliveries of one ticket (its lane) go out one after the other, in
 * the order the events happened: a new delivery is PENDING only if nothing of its lane is still
 * unfinished, else it WAITS and the delivery before it promotes it when it finishes (delivered or
 * given up). A subscription that allows unordered delivery gets everything PENDING at once.
 */
@ApplicationScoped
public class Fanout {

    /** The subscriptions that want an event {@code e} (an alias of received_event, t of ticket_source). */
    private static final String MATCHES = """
            s.state = 'ACTIVE'
            and (e.type = any(s.event_types) or split_part(e.type, '.', 1) || '.*' = any(s.event_types))
            and (s.team is null or s.team = e.team)
            and (s.department is null or s.department = e.department)
            and (s.category is null or s.category = e.category)
            and (s.source_system is null or s.source_system = t.source_system)
            """;

    /** The state of a new delivery: see the class comment. */
    private static final String FIRST_STATE = """
            case when s.unordered then 'PENDING'
                 when row_number() over (partition by s.id, e.subject order by e.occurred_at, e.seq) = 1
                      and not exists (select 1 from webhook_delivery o where o.subscription_id = s.id and o.lane = e.subject
                                      and o.state in ('WAITING', 'PENDING', 'SENDING'))
                 then 'PENDING' else 'WAITING' end
            """;

    private final EntityManager em;
    private final Clock clock;
    private final DeliveryLoop loop;

    @Inject
    public Fanout(EntityManager em, Clock clock, DeliveryLoop loop) {
        this.em = em;
        this.clock = clock;
        this.loop = loop;
    }

    /** Deliveries of these events to every subscription that wants them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Long[] seqs = events.stream().map(ReceivedEvent::seq).toArray(Long[]::new);
        int scheduled = insert("e.seq = any(?3)", "LIVE", (Object) seqs);
        if (scheduled > 0) {
            loop.wakeAfterCommit();
        }
    }

    /**
     * A ticket's opening names its source system: the ticket's events received before it (from
     * another topic, or a replay) now reach the subscriptions that filter by source system.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleEarlierOf(String ticketId) {
        int scheduled = insert("e.subject = ?3 and e.deliverable and s.source_system is not null", "LIVE", ticketId);
        if (scheduled > 0) {
            loop.wakeAfterCommit();
        }
    }

    /**
     * Sends again everything the subscription would have matched among the events that happened
     * in [from, to) and are still kept (notify.journal-retention).
     *
     * @return how many deliveries were scheduled
     */
    @Transactional
    public int replay(UUID subscriptionId, Instant from, Instant to) {
        int scheduled = insert("e.deliverable and e.occurred_at >= ?3 and e.occurred_at < ?4 and s.id = ?5",
                "REPLAY", from, to, subscriptionId);
        loop.wakeAfterCommit();
        return scheduled;
    }

    /** A fresh delivery of the event of {@code deliveryId}, beside the old one in the log. */
    @Transactional
    public long redeliver(UUID subscriptionId, long deliveryId) {
        Instant now = clock.instant();
        List<?> ids = em.createNativeQuery("""
                        insert into webhook_delivery (subscription_id, event_seq, event_id, lane, occurred_at, published_at,
                            cause, state, next_attempt_at, created_at)
                        select d.subscription_id, d.event_seq, d.event_id, d.lane, d.occurred_at, d.published_at, 'REDELIVERY',
                               case when s.unordered or not exists (select 1 from webhook_delivery o
                                   where o.subscription_id = s.id and o.lane = d.lane and o.state in ('WAITING', 'PENDING', 'SENDING'))
                               then 'PENDING' else 'WAITING' end, ?4, ?1
                        from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
                        where d.id = ?2 and d.subscription_id = ?3
                        returning id""")
                .setParameter(1, now).setParameter(2, deliveryId).setParameter(3, subscriptionId)
                .setParameter(4, loop.firstAttempt(now)).getResultList();
        loop.wakeAfterCommit();
        return ids.isEmpty() ? -1 : ((Number) ids.get(0)).longValue();
    }

    private int insert(String which, String cause, Object... params) {
        Instant now = clock.instant();
        var query = em.createNativeQuery("""
                insert into webhook_delivery (subscription_id, event_seq, event_id, lane, occurred_at, published_at,
                    cause, state, next_attempt_at, created_at)
                select s.id, e.seq, e.event_id, e.subject, e.occurred_at, e.published_at, '%s', %s, ?2, ?1
                from received_event e
                left join ticket_source t on t.ticket_id = e.subject
                join webhook_subscription s on %s
                where %s
                on conflict do nothing""".formatted(cause, FIRST_STATE, MATCHES, which));
        query.setParameter(1, now).setParameter(2, loop.firstAttempt(now));
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 3, params[i]);
        }
        return query.executeUpdate();
    }
}
