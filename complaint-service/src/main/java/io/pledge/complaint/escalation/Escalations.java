package io.pledge.complaint.escalation;

import io.pledge.complaint.complaint.Complaint;
import io.pledge.complaint.complaint.ComplaintEvents;
import io.pledge.contracts.complaint.ComplaintEscalated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

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

    /** Whether {@code cause} was acted on for this complaint already. */
    public boolean actedOn(Complaint complaint, String cause) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from complaint_escalation where complaint_id = ?1 and cause = ?2")
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
        int claimed = em.createNativeQuery("""
                        insert into complaint_escalation (complaint_id, cause, from_level, to_level, at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
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
}
