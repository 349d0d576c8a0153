package io.pledge.complaint.complaint;

import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.platform.time.JdbcInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Moves complaints up the escalation matrix. Every escalation has a cause (e.g.
 * {@code SLA_BREACHED:<clock id>}, {@code CUSTOMER_REJECTED:<proposal number>}, {@code SEVERITY});
 * a cause is acted on once per complaint ({@code complaint_escalation}'s primary key), so the
 * same cause cannot escalate twice, however its events are redelivered or repeated.
 */
@ApplicationScoped
public class Escalations {

    /** Why a complaint escalated: the {@code reason} of {@code complaint.escalated}. */
    public enum Reason {
        CUSTOMER_REJECTED, SLA_BREACHED, SEVERITY, REPEAT, SURVEY_UNSATISFIED, FOLLOW_UP_UNSATISFIED, MANUAL
    }

    @Inject
    EntityManager em;

    @Inject
    EscalationMatrix matrix;

    @Inject
    ComplaintEvents events;

    /** Whether {@code cause} was acted on for this complaint already (and not withdrawn). */
    public boolean actedOn(Complaint complaint, String cause) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from complaint_escalation where complaint_id = ?1 and cause = ?2 and withdrawn_at is null")
                .setParameter(1, complaint.id).setParameter(2, cause).getSingleResult()).intValue() > 0;
    }

    /** The level one above the complaint's, or its own at the top (which cannot be exceeded). */
    public int oneUp(Complaint complaint) {
        return matrix.above(complaint.level).map(EscalationMatrix.Level::number).orElse(complaint.level);
    }

    /**
     * Acts on {@code cause} once: raises the complaint to {@code toLevel} (never down, never above the
     * top) and publishes {@code complaint.escalated} with the new level's contact deadline.
     *
     * @param cause what escalates, unique per complaint: {@code reason} plus what tells this instance apart
     * @return false when this cause was acted on before (nothing happens); true otherwise, even at the
     *         top, where the cause is recorded but the level stays
     * @param note said in the complaint's history, e.g. a supervisor's words; may be null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean escalate(Complaint complaint, String cause, Reason reason, int toLevel, Instant at, String actor,
                            String note) {
        int target = Math.min(Math.max(toLevel, complaint.level), matrix.top());
        // a withdrawn cause may escalate again (the clock breached after all)
        int claimed = em.createNativeQuery("""
                        insert into complaint_escalation (complaint_id, cause, from_level, to_level, at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (complaint_id, cause) do update
                        set from_level = excluded.from_level, to_level = excluded.to_level, at = excluded.at, withdrawn_at = null
                        where complaint_escalation.withdrawn_at is not null""")
                .setParameter(1, complaint.id)
                .setParameter(2, cause)
                .setParameter(3, complaint.level)
                .setParameter(4, target)
                .setParameter(5, at)
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        if (target > complaint.level) {
            EscalationMatrix.Level level = matrix.level(target);
            complaint.level = target;
            complaint.contactBy = matrix.contactBy(target, at);
            complaint.contactedAt = null;
            events.publish(complaint, new ComplaintEscalated(events.facts(complaint), complaint.id, target,
                            reason.name(), complaint.contactBy, at), at, actor, complaint.state,
                    reason + " (" + cause + "); L" + target + " " + level.name() + " notified: "
                            + String.join(", ", level.notified()) + (note == null ? "" : "; " + note));
        }
        return true;
    }

    /** One row of {@code complaint_escalation}. */
    private record Escalation(String cause, int fromLevel, int toLevel, Instant at) {
    }

    /**
     * The cause of an escalation was retracted (blueprint §3, corrections travel). The escalation is
     * withdrawn when this cause alone raised the complaint to the level it is at and nobody has acted
     * on the complaint at that level since: the complaint goes back to its earlier level with that
     * level's contact deadline, and {@code complaint.escalation-withdrawn} says so (sla-service
     * cancels the supervisor's contact clock on it). Otherwise the escalation stands and the history
     * says why. A cause that escalated nothing (recorded at the top) is forgotten and changes nothing.
     *
     * @param at when the retraction happened (never before the escalation it corrects)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(Complaint complaint, String cause, Instant at) {
        List<Escalation> standing = standing(complaint);
        Escalation retracted = standing.stream().filter(e -> e.cause().equals(cause)).findFirst().orElse(null);
        if (retracted == null) {
            return;
        }
        Instant when = at.isBefore(retracted.at()) ? retracted.at() : at;
        if (retracted.toLevel() <= retracted.fromLevel()) {
            // recorded at the top, it raised nothing: forget the cause (it may come back), change nothing else
            markWithdrawn(complaint, cause, when);
            return;
        }
        String standsBecause = standsBecause(complaint, retracted, standing);
        if (standsBecause != null) {
            events.note(complaint, "escalation-stands", when, cause + " was retracted; the escalation to L"
                    + retracted.toLevel() + " stands: " + standsBecause);
            return;
        }
        markWithdrawn(complaint, cause, when);
        int restored = retracted.fromLevel();
        // the restored level's own contact deadline, from the escalation that reached it, and whether it was met
        Escalation reached = standing.stream().filter(e -> e.toLevel() == restored && e.toLevel() > e.fromLevel())
                .reduce((first, later) -> later).orElse(null);
        complaint.level = restored;
        complaint.contactBy = reached == null ? null : matrix.contactBy(restored, reached.at());
        complaint.contactedAt = reached == null ? null : contactedAt(complaint, restored, reached.at());
        String reason = cause.contains(":") ? cause.substring(0, cause.indexOf(':')) : cause;
        events.publish(complaint, new ComplaintEscalationWithdrawn(events.facts(complaint), complaint.id, restored,
                        retracted.toLevel(), reason, cause, complaint.contactBy, when), when, null, complaint.state,
                cause + " was retracted and was the only cause of L" + retracted.toLevel() + "; back to L" + restored);
    }

    private void markWithdrawn(Complaint complaint, String cause, Instant at) {
        em.createNativeQuery("update complaint_escalation set withdrawn_at = ?3 where complaint_id = ?1 and cause = ?2")
                .setParameter(1, complaint.id).setParameter(2, cause).setParameter(3, at).executeUpdate();
    }

    /** Why the escalation by {@code retracted} must stand, or null when it can be withdrawn. */
    private String standsBecause(Complaint complaint, Escalation retracted, List<Escalation> standing) {
        if (complaint.level > retracted.toLevel()) {
            return "the complaint has escalated further since, to L" + complaint.level;
        }
        for (Escalation other : standing) {
            if (!other.cause().equals(retracted.cause()) && other.toLevel() >= retracted.toLevel()) {
                return other.cause() + " also holds it at L" + retracted.toLevel();
            }
        }
        List<?> acted = em.createNativeQuery("""
                        select actor, action from complaint_step
                        where complaint_id = ?1 and level = ?2 and actor is not null and at >= ?3
                        order by id limit 1""")
                .setParameter(1, complaint.id).setParameter(2, retracted.toLevel()).setParameter(3, retracted.at())
                .getResultList();
        if (!acted.isEmpty()) {
            Object[] step = (Object[]) acted.get(0);
            return step[0] + " has acted on it at L" + retracted.toLevel() + " since (" + step[1] + ")";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<Escalation> standing(Complaint complaint) {
        List<Object[]> rows = em.createNativeQuery("""
                        select cause, from_level, to_level, at from complaint_escalation
                        where complaint_id = ?1 and withdrawn_at is null order by at, cause""")
                .setParameter(1, complaint.id).getResultList();
        return rows.stream().map(r -> new Escalation((String) r[0], ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                JdbcInstants.of(r[3]))).toList();
    }

    private Instant contactedAt(Complaint complaint, int level, Instant since) {
        List<?> contacted = em.createNativeQuery("""
                        select max(at) from complaint_step
                        where complaint_id = ?1 and level = ?2 and action = 'complaint.contacted' and at >= ?3""")
                .setParameter(1, complaint.id).setParameter(2, level).setParameter(3, since).getResultList();
        return contacted.isEmpty() ? null : JdbcInstants.of(contacted.get(0));
    }
}
