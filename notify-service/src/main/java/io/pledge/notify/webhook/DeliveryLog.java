package io.pledge.notify.webhook;

import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.time.JdbcInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What was sent to a subscription, newest first: each delivery with its attempts. */
@ApplicationScoped
public class DeliveryLog {

    private final EntityManager em;

    @Inject
    public DeliveryLog(EntityManager em) {
        this.em = em;
    }

    /** One attempt: the receiver's status (null: no answer), how long it took, the answer's first kilobyte. */
    public record AttemptView(Instant attemptedAt, Integer status, String error, int latencyMillis, String answer) {
    }

    /**
     * @param cause LIVE (from the topics), REPLAY or REDELIVERY
     * @param state WAITING (behind an earlier one of its ticket), PENDING, SENDING, DELIVERED or FAILED
     */
    public record DeliveryView(long id, String eventId, String eventType, String ticketId, Instant occurredAt,
                               String cause, String state, int attempts, Instant nextAttemptAt, Integer lastStatus,
                               String lastError, Instant createdAt, Instant finishedAt, List<AttemptView> attemptLog) {
    }

    public record Page(List<DeliveryView> items, String nextCursor) {
    }

    @SuppressWarnings("unchecked")
    public Page page(UUID subscriptionId, String state, Long before, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.event_id, e.type, d.lane, d.occurred_at, d.cause, d.state, d.attempts,
                               d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.finished_at
                        from webhook_delivery d join received_event e on e.seq = d.event_seq
                        where d.subscription_id = ?1 and (cast(?2 as text) is null or d.state = cast(?2 as text))
                          and d.id < ?3
                        order by d.id desc limit ?4""")
                .setParameter(1, subscriptionId).setParameter(2, state)
                .setParameter(3, before == null ? Long.MAX_VALUE : before).setParameter(4, limit + 1)
                .getResultList();
        List<DeliveryView> items = views(rows.stream().limit(limit).toList());
        String next = rows.size() > limit ? Long.toString(items.get(limit - 1).id()) : null;
        return new Page(items, next);
    }

    @SuppressWarnings("unchecked")
    public DeliveryView get(UUID subscriptionId, long deliveryId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.event_id, e.type, d.lane, d.occurred_at, d.cause, d.state, d.attempts,
                               d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.finished_at
                        from webhook_delivery d join received_event e on e.seq = d.event_seq
                        where d.subscription_id = ?1 and d.id = ?2""")
                .setParameter(1, subscriptionId).setParameter(2, deliveryId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("no delivery " + deliveryId + " of webhook " + subscriptionId);
        }
        return views(rows).get(0);
    }

    /** The cursor of {@link #page}: the last delivery id of the previous page. */
    public static Long cursor(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
        }
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryView> views(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<AttemptView>> attempts = new LinkedHashMap<>();
        Long[] ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toArray(Long[]::new);
        for (Object[] a : (List<Object[]>) em.createNativeQuery("""
                        select delivery_id, attempted_at, status, error, latency_ms, answer
                        from webhook_attempt where delivery_id = any(?1) order by id""")
                .setParameter(1, ids).getResultList()) {
            attempts.computeIfAbsent(((Number) a[0]).longValue(), k -> new ArrayList<>()).add(new AttemptView(
                    JdbcInstants.of(a[1]), a[2] == null ? null : ((Number) a[2]).intValue(), (String) a[3],
                    ((Number) a[4]).intValue(), (String) a[5]));
        }
        List<DeliveryView> views = new ArrayList<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            views.add(new DeliveryView(id, (String) r[1], (String) r[2], (String) r[3], JdbcInstants.of(r[4]),
                    (String) r[5], (String) r[6], ((Number) r[7]).intValue(), r[8] == null ? null : JdbcInstants.of(r[8]),
                    r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10], JdbcInstants.of(r[11]),
                    r[12] == null ? null : JdbcInstants.of(r[12]), attempts.getOrDefault(id, List.of())));
        }
        return views;
    }
}
