package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;

/**
 * What kpi-service counted for one complaint: where it was registered (escalation rates count the
 * complaint there, once), the level it stands at, and its latest accepted resolution (follow-up
 * completion counts the resolution there, once).
 *
 * @param registeredAt null: its registration was not seen, so it is in no escalation rate
 * @param level 1 until escalated; back down when an escalation is withdrawn
 * @param resolvedAt the latest accepted resolution, or null
 * @param followedUp whether that resolution's follow-up visit was counted
 */
public record CountedComplaint(Instant registeredAt, List<Dimension> registeredIn, int level, Instant resolvedAt,
                               List<Dimension> resolvedIn, boolean followedUp) {

    /** The level every complaint starts at. */
    public static final int FIRST_LEVEL = 1;

    public static final CountedComplaint NONE = new CountedComplaint(null, null, FIRST_LEVEL, null, null, false);

    CountedComplaint registered(Instant at, List<Dimension> in) {
        return new CountedComplaint(at, in, level, resolvedAt, resolvedIn, followedUp);
    }

    CountedComplaint atLevel(int now) {
        return new CountedComplaint(registeredAt, registeredIn, now, resolvedAt, resolvedIn, followedUp);
    }

    CountedComplaint resolved(Instant at, List<Dimension> in) {
        return new CountedComplaint(registeredAt, registeredIn, level, at, in, false);
    }

    CountedComplaint withFollowUp() {
        return new CountedComplaint(registeredAt, registeredIn, level, resolvedAt, resolvedIn, true);
    }
}
