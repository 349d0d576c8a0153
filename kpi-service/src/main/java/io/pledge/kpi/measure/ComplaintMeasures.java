package io.pledge.kpi.measure;

import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.complaint.ComplaintResolved;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.pledge.kpi.measure.EventMeasures.addIfKnown;
import static io.pledge.kpi.measure.EventMeasures.dimensionsOf;

/**
 * Complaints in the KPIs, each counted once: registered; escalated — in the bucket of its
 * registration, for as long as it stands at level 2 or above (per level: at that level or above),
 * so a second escalation adds nothing and a withdrawn one is taken back; and each accepted
 * resolution, followed up or not.
 */
final class ComplaintMeasures {

    /** L4, third-party mediation: the top of the escalation matrix; a higher level counts as L4. */
    static final int HIGHEST_LEVEL = 4;

    private ComplaintMeasures() {
    }

    static void registered(ComplaintRegistered registered, Ledger ledger, List<Measure> m) {
        CountedComplaint complaint = ledger.complaint(registered.complaintId());
        if (complaint.registeredAt() != null) {
            return; // announced again
        }
        List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL, new Dimension("channel", registered.channel().name()),
                new Dimension("priority", registered.priority().name())));
        addIfKnown(d, "team", registered.team());
        addIfKnown(d, "agent", registered.agent());
        addIfKnown(d, "department", registered.department());
        m.add(Measure.count("complaints.registered", d, registered.registeredAt()));
        CountedComplaint now = complaint.registered(registered.registeredAt(), d);
        escalations(complaint, now, m);
        ledger.complaints().put(registered.complaintId(), now);
    }

    /** Escalated to {@code level}, or back at it when an escalation was withdrawn. */
    static void atLevel(UUID complaintId, int level, Ledger ledger, List<Measure> m) {
        CountedComplaint complaint = ledger.complaint(complaintId);
        CountedComplaint now = complaint.atLevel(level);
        escalations(complaint, now, m);
        ledger.complaints().put(complaintId, now);
    }

    /**
     * A registered complaint counts in {@code complaints.escalated.l<n>} while it stands at level n
     * or above, and in {@code complaints.escalated} while at level 2 or above: what changed.
     */
    private static void escalations(CountedComplaint before, CountedComplaint after, List<Measure> m) {
        for (int level = CountedComplaint.FIRST_LEVEL + 1; level <= HIGHEST_LEVEL; level++) {
            boolean was = before.registeredAt() != null && before.level() >= level;
            boolean is = after.registeredAt() != null && after.level() >= level;
            if (was == is) {
                continue;
            }
            List<String> counters = level == CountedComplaint.FIRST_LEVEL + 1
                    ? List.of("complaints.escalated", "complaints.escalated.l" + level)
                    : List.of("complaints.escalated.l" + level);
            for (String counter : counters) {
                m.add(is ? Measure.count(counter, after.registeredIn(), after.registeredAt())
                        : Measure.uncount(counter, before.registeredIn(), before.registeredAt()));
            }
        }
    }

    static void resolved(ComplaintResolved resolved, Instant at, Ledger ledger, List<Measure> m) {
        CountedComplaint complaint = ledger.complaint(resolved.complaintId());
        if (at.equals(complaint.resolvedAt())) {
            return; // announced again
        }
        List<Dimension> d = dimensionsOf(resolved.ticket());
        m.add(Measure.count("complaints.resolved", d, at));
        ledger.complaints().put(resolved.complaintId(), complaint.resolved(at, d));
    }

    /** The follow-up visit of the latest accepted resolution counts where that resolution did, once. */
    static void followedUp(ComplaintFollowUpCompleted followUp, Ledger ledger, List<Measure> m) {
        CountedComplaint complaint = ledger.complaint(followUp.complaintId());
        if (complaint.resolvedAt() == null || complaint.followedUp()) {
            return;
        }
        m.add(Measure.count("complaints.follow-ups", complaint.resolvedIn(), complaint.resolvedAt()));
        if (followUp.followUpDue() != null && !followUp.completedAt().isAfter(followUp.followUpDue())) {
            m.add(Measure.count("complaints.follow-ups-in-time", complaint.resolvedIn(), complaint.resolvedAt()));
        }
        ledger.complaints().put(followUp.complaintId(), complaint.withFollowUp());
    }
}
