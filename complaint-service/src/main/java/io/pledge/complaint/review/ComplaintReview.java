package io.pledge.complaint.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.pledge.complaint.ticket.TicketScope;
import io.pledge.platform.security.Scope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The material of the periodic review (复盘) of frequent problems: over a period, the root causes
 * of the complaints closed in it, and the departments, subjects, repeat complainants and
 * escalations of the complaints registered in it. Each reviewer sees the complaints in their scope
 * (a supervisor: their departments' and teams' tickets', and those routed to their departments),
 * filtered in the queries by {@link TicketScope}.
 */
@ApplicationScoped
public class ComplaintReview {

    /** How many repeat complainants and ranked entries a review lists at most. */
    static final int TOP = 20;

    @Inject
    EntityManager em;

    public record Count(String key, long count) {
    }

    public record Complainant(String customerId, long complaints) {
    }

    public record LevelCount(int level, long escalations) {
    }

    public record Review(Instant from, Instant to, long registered, long closed, long repeatComplaints,
                         List<Count> rootCauses, List<Count> departments, List<Count> subjects,
                         List<Complainant> repeatComplainants, List<LevelCount> escalationsToLevel) {
    }

    /** The review of [from, to), of the complaints {@code scope} reaches only. */
    public Review of(Instant from, Instant to, Scope scope) {
        Map<String, Object> reached = new HashMap<>();
        // with a space after: the text blocks continuing after it start without one
        String inScope = " and " + TicketScope.complaintReached(scope, reached) + " ";
        Map<String, Object> reachedNative = new HashMap<>();
        String inScopeNative = TicketScope.complaintReachedSql(scope, reachedNative) + " ";
        long registered = count("select count(c) from Complaint c where c.registeredAt >= :from and c.registeredAt < :to"
                + inScope, from, to, reached);
        long closed = count("select count(c) from Complaint c where c.closedAt >= :from and c.closedAt < :to" + inScope,
                from, to, reached);
        long repeats = count("""
                select count(c) from Complaint c
                where c.registeredAt >= :from and c.registeredAt < :to and c.repeatCount > 1""" + inScope, from, to,
                reached);
        return new Review(from, to, registered, closed, repeats,
                ranked("""
                        select cast(c.rootCause as String), count(c) from Complaint c
                        where c.closedAt >= :from and c.closedAt < :to and c.rootCause is not null""" + inScope + """
                        group by c.rootCause order by count(c) desc, cast(c.rootCause as String)""", from, to, reached),
                ranked("""
                        select coalesce(c.department, '(unrouted)'), count(c) from Complaint c
                        where c.registeredAt >= :from and c.registeredAt < :to""" + inScope + """
                        group by coalesce(c.department, '(unrouted)')
                        order by count(c) desc, coalesce(c.department, '(unrouted)')""", from, to, reached),
                ranked("""
                        select cast(c.subject as String), count(c) from Complaint c
                        where c.registeredAt >= :from and c.registeredAt < :to""" + inScope + """
                        group by c.subject order by count(c) desc, cast(c.subject as String)""", from, to, reached),
                with(em.createQuery("""
                                select c.customerId, count(c) from Complaint c
                                where c.registeredAt >= :from and c.registeredAt < :to""" + inScope + """
                                group by c.customerId having count(c) > 1
                                order by count(c) desc, c.customerId""", Object[].class), from, to, reached)
                        .setMaxResults(TOP)
                        .getResultStream().map(row -> new Complainant((String) row[0], (Long) row[1])).toList(),
                ((List<?>) with(em.createNativeQuery("""
                                select e.to_level, count(*) from complaint_escalation e
                                join complaint c on c.id = e.complaint_id
                                left join complaint_ticket t on t.ticket_id = c.ticket_id
                                where e.at >= :from and e.at < :to and e.to_level > e.from_level""" + " and " + inScopeNative + """
                                group by e.to_level order by e.to_level"""), from, to, reachedNative)
                        .getResultList()).stream()
                        .map(row -> (Object[]) row)
                        .map(row -> new LevelCount(((Number) row[0]).intValue(), ((Number) row[1]).longValue()))
                        .toList());
    }

    private long count(String jpql, Instant from, Instant to, Map<String, Object> reached) {
        return with(em.createQuery(jpql, Long.class), from, to, reached).getSingleResult();
    }

    private List<Count> ranked(String jpql, Instant from, Instant to, Map<String, Object> reached) {
        return with(em.createQuery(jpql, Object[].class), from, to, reached)
                .setMaxResults(TOP).getResultStream()
                .map(row -> new Count((String) row[0], (Long) row[1])).toList();
    }

    private static <Q extends Query> Q with(Q query, Instant from, Instant to, Map<String, Object> reached) {
        query.setParameter("from", from).setParameter("to", to);
        reached.forEach(query::setParameter);
        return query;
    }
}
