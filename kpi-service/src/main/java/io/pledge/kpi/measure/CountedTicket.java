package io.pledge.kpi.measure;


import java.time.Instant;
import java.util.List;

/**
 * What kpi-service counted for one ticket, so that each ticket counts once where a KPI counts
 * tickets, and a later event takes back exactly what an earlier one counted (in the bucket and for
 * the dimensions it was counted in). An instant is null while that was not counted.
 *
 * @param status whether the ticket is open or resolved, as far as its events tell
 * @param openedAt where it was counted as opened (resolution rate: its cohort)
 * @param firstResolvedAt where its first resolution was counted (resolved, within 24 h, first contact, reopen rate)
 * @param firstContactResolved counted as resolved at first contact, and not taken back
 * @param reopened reopened since it was first resolved (counted in the reopenings once)
 * @param respondedAt the first response counted in the response-time distribution: the earliest reported
 * @param responseSeconds the value recorded for it
 */
public record CountedTicket(Status status, Instant openedAt, List<Dimension> openedIn, Instant firstResolvedAt,
                            List<Dimension> firstResolvedIn, boolean firstContactResolved, boolean reopened,
                            Instant respondedAt, long responseSeconds, List<Dimension> respondedIn) {

    public enum Status {
        /** kpi-service never saw it opened, resolved or reopened (only a first response, or nothing) */
        UNKNOWN,
        OPEN,
        RESOLVED
    }

    /** A ticket nothing was counted for yet. */
    public static final CountedTicket NONE = new CountedTicket(Status.UNKNOWN, null, null, null, null, false, false,
            null, 0, null);

    CountedTicket opened(Instant at, List<Dimension> in) {
        return new CountedTicket(status == Status.UNKNOWN ? Status.OPEN : status, at, in, firstResolvedAt,
                firstResolvedIn, firstContactResolved, reopened, respondedAt, responseSeconds, respondedIn);
    }

    CountedTicket in(Status now) {
        return new CountedTicket(now, openedAt, openedIn, firstResolvedAt, firstResolvedIn, firstContactResolved,
                reopened, respondedAt, responseSeconds, respondedIn);
    }

    CountedTicket firstResolved(Instant at, List<Dimension> in, boolean atFirstContact) {
        return new CountedTicket(status, openedAt, openedIn, at, in, atFirstContact, reopened, respondedAt,
                responseSeconds, respondedIn);
    }

    /** Reopened: no longer resolved at first contact, and counted as reopened. */
    CountedTicket reopenedSinceResolution() {
        return new CountedTicket(status, openedAt, openedIn, firstResolvedAt, firstResolvedIn, false, true,
                respondedAt, responseSeconds, respondedIn);
    }

    CountedTicket responded(Instant at, long seconds, List<Dimension> in) {
        return new CountedTicket(status, openedAt, openedIn, firstResolvedAt, firstResolvedIn, firstContactResolved,
                reopened, at, seconds, in);
    }
}
