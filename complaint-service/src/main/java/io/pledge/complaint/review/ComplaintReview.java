package io.pledge.complaint.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/**
 * The material of the periodic review (复盘) of frequent problems: over a period, the root causes
 * of the complaints closed in it, and the departments, subjects, repeat complainants and
 * escalations of the complaints registered in it.
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

    public Review of(Instant from, Instant to) {
        long registered = count("select count(c) from Complaint c where c.registeredAt >= :from and c.registeredAt < :to",
                from, to);
        long closed = count("select count(c) from Complaint c where c.closedAt >= :from and c.closedAt < :to", from, to);
        long repeats = count("""
                select count(c) from Complaint c
                where c.registeredAt >= :from and c.registeredAt < :to and c.repeatCount > 1""", from, to);
        return new Review(from, to, registered, closed, repeats,
                ranked("""
                        select cast(c.rootCause as String), count(c) from Complaint c
                        where c.closedAt >= :from and c.closedAt < :to and c.rootCause is not null
                        group by c.rootCause order by count(c) desc, cast(c.rootCause as String)""", from, to),
                ranked("""
                        select coalesce(c.department, '(unrouted)'), count(c) from Complaint c
                        where c.registeredAt >= :from and c.registeredAt < :to
                        group by coalesce(c.department, '(unrouted)')
                        order by count(c) desc, coalesce(c.department, '(unrouted)')""", from, to),
                ranked("""
                        select cast(c.subject as String), count(c) from Complaint c
                        where c.registeredAt >= :from and c.registeredAt < :to
                        group by c.subject order by count(c) desc, cast(c.subject as String)""", from, to),
                em.createQuery("""
                                select c.customerId, count(c) from Complaint c
                                where c.registeredAt >= :from and c.registeredAt < :to
                                group by c.customerId having count(c) > 1
                                order by count(c) desc, c.customerId""", Object[].class)
                        .setParameter("from", from).setParameter("to", to).setMaxResults(TOP)
                        .getResultStream().map(row -> new Complainant((String) row[0], (Long) row[1])).toList(),
                ((List<?>) em.createNativeQuery("""
                                select to_level, count(*) from complaint_escalation
                                where at >= ?1 and at < ?2 and to_level > from_level
                                group by to_level order by to_level""")
                        .setParameter(1, from).setParameter(2, to).getResultList()).stream()
                        .map(row -> (Object[]) row)
                        .map(row -> new LevelCount(((Number) row[0]).intValue(), ((Number) row[1]).longValue()))
                        .toList());
    }

    private long count(String jpql, Instant from, Instant to) {
        return em.createQuery(jpql, Long.class).setParameter("from", from).setParameter("to", to).getSingleResult();
    }

    private List<Count> ranked(String jpql, Instant from, Instant to) {
        return em.createQuery(jpql, Object[].class).setParameter("from", from).setParameter("to", to)
                .setMaxResults(TOP).getResultStream()
                .map(row -> new Count((String) row[0], (Long) row[1])).toList();
    }
}
