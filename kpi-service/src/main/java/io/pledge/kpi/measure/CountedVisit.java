package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;

/**
 * What kpi-service counted for one on-site visit: where its request was counted (the same-day rate
 * counts the visit there), and whether its completion was.
 *
 * @param requestedAt null: the request was not seen, so the visit is in no same-day rate
 */
public record CountedVisit(Instant requestedAt, List<Dimension> requestedIn, boolean completed) {

    public static final CountedVisit NONE = new CountedVisit(null, null, false);
}
