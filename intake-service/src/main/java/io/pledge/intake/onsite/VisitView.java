package io.pledge.intake.onsite;

import java.time.Instant;
import java.util.UUID;

/** An on-site visit as the API shows it. */
public record VisitView(UUID id, UUID ticketId, VisitSteps.Step step, String reason, String requestedBy,
                        Instant requestedAt, String technician, Instant dispatchedAt, String outcome,
                        Instant completedAt) {

    static VisitView of(OnSiteVisit v) {
        return new VisitView(v.id, v.ticketId, v.step(), v.reason, v.requestedBy, v.requestedAt, v.technician,
                v.dispatchedAt, v.outcome, v.completedAt);
    }
}
