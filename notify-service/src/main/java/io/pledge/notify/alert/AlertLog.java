package io.pledge.notify.alert;

import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;
import io.pledge.platform.time.JdbcInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What was sent to whom, when and why: the alerts, newest first. */
@ApplicationScoped
public class AlertLog {

    @Inject
    EntityManager em;

    public record Page(List<AlertView> items, String nextCursor) {
    }

    /**
     * A page of the alerts {@code scope} reaches (admins: all; supervisors: those about tickets of
     * their teams and departments), optionally of one recipient and one ticket.
     */
    public Page page(Scope scope, String recipientId, String ticketId, String cursor, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("where ").append(ScopeCondition.of(scope, "a.team", "a.department", "null", params));
        if (recipientId != null) {
            where.append(" and a.recipient_id = :recipient");
            params.put("recipient", recipientId);
        }
        if (ticketId != null) {
            where.append(" and a.ticket_id = :ticket");
            params.put("ticket", ticketId);
        }
        if (cursor != null) {
            PageCursor after = PageCursor.parse(cursor);
            where.append(" and (a.created_at < :at or (a.created_at = :at and a.id < :id))");
            params.put("at", after.at());
            params.put("id", after.id());
        }
        var query = em.createNativeQuery("""
                select a.id, a.rule_id, a.recipient_id, a.channel, a.kind, a.cause_event_id, a.cause_type, a.ticket_id,
                    a.state, a.attempts, a.created_at, a.next_attempt_at, a.sent_at, a.last_error, a.digest_id, a.corrects
                from alert a
                """ + where + " order by a.created_at desc, a.id desc limit " + (limit + 1));
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<AlertView> items = rows.stream().limit(limit).map(AlertLog::view).toList();
        String next = rows.size() > limit
                ? new PageCursor(items.get(limit - 1).createdAt(), items.get(limit - 1).id()).encode() : null;
        return new Page(items, next);
    }

    private static AlertView view(Object[] r) {
        return new AlertView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(), JdbcInstants.of(r[10]),
                r[11] == null ? null : JdbcInstants.of(r[11]), r[12] == null ? null : JdbcInstants.of(r[12]),
                (String) r[13], r[14] != null, (UUID) r[14], (UUID) r[15]);
    }
}
