package io.pledge.kpi.measure;

import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteRequested;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.pledge.kpi.measure.EventMeasures.dimensionsOf;

/**
 * On-site visits (seed 003: 95 % completed the same day), each visit once by its id: requested,
 * completed, and — in the bucket of the request — completed on the local day it was requested.
 */
final class VisitMeasures {

    private VisitMeasures() {
    }

    static void requested(OnSiteRequested requested, Ledger ledger, List<Measure> m) {
        CountedVisit visit = ledger.visit(requested.visitId());
        if (visit.requestedAt() != null) {
            return; // announced again
        }
        List<Dimension> d = dimensionsOf(requested.ticket());
        m.add(Measure.count("onsite.requested", d, requested.requestedAt()));
        ledger.visits().put(requested.visitId(), new CountedVisit(requested.requestedAt(), d, visit.completed()));
    }

    static void completed(OnSiteCompleted completed, Ledger ledger, ZoneId zone, List<Measure> m) {
        CountedVisit visit = ledger.visit(completed.visitId());
        if (visit.completed()) {
            return; // announced again
        }
        m.add(Measure.count("onsite.completed", dimensionsOf(completed.ticket()), completed.completedAt()));
        if (visit.requestedAt() != null && sameDay(visit.requestedAt(), completed.completedAt(), zone)) {
            m.add(Measure.count("onsite.completed-same-day", visit.requestedIn(), visit.requestedAt()));
        }
        ledger.visits().put(completed.visitId(), new CountedVisit(visit.requestedAt(), visit.requestedIn(), true));
    }

    private static boolean sameDay(Instant requestedAt, Instant completedAt, ZoneId zone) {
        return requestedAt.atZone(zone).toLocalDate().equals(completedAt.atZone(zone).toLocalDate());
    }
}
