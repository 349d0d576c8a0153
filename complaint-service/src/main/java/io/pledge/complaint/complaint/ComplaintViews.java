package io.pledge.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/** Maps complaints to what the API shows: with their level's name and whether they are overdue now. */
@ApplicationScoped
public class ComplaintViews {

    @Inject
    EscalationMatrix matrix;

    @Inject
    Clock clock;

    public ComplaintView of(Complaint c) {
        return of(c, clock.instant());
    }

    public ComplaintView of(Complaint c, Instant now) {
        return ComplaintView.of(c, matrix.level(c.level).name(), now);
    }
}
