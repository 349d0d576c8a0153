package io.pledge.platform.security;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;

/**
 * When a reported fact happened (blueprint §6: trustworthy time). Staff act now: whatever time
 * they send, what is recorded is now, and a time further from now than the clock skew is refused.
 * Only an integration reports earlier facts, and only within the backdating window; those are
 * {@link #late()}, and the events they cause say so (reportedLate).
 *
 * @param at   the instant to record
 * @param late whether it was reported after the fact (more than lateAfter before now)
 */
public record ReportedTime(Instant at, boolean late) {

    /**
     * @param field   the request field, for the refusal's detail
     * @param claimed what the request says, or null for "now"
     * @throws ProblemException 403 for an agent's backdated time, 422 for one before the window or in the future
     */
    public static ReportedTime of(String field, Instant claimed, Scope caller, Instant now,
                                  Duration window, Duration lateAfter) {
        if (claimed == null) {
            return new ReportedTime(now, false);
        }
        if (claimed.isAfter(now.plus(lateAfter))) {
            throw ProblemException.unprocessable(field + " " + claimed + " is in the future");
        }
        boolean late = claimed.isBefore(now.minus(lateAfter));
        if (!caller.is(Roles.INTEGRATION) && !late) {
            return new ReportedTime(now, false);   // the skew is for clocks, not a margin to move one's times in
        }
        if (!late) {
            return new ReportedTime(claimed, false);
        }
        if (!caller.is(Roles.INTEGRATION)) {
            throw new ProblemException(Response.Status.FORBIDDEN, field + ": only an integration client may report "
                    + "an earlier time; an agent's actions happen now (omit " + field + ")");
        }
        if (claimed.isBefore(now.minus(window))) {
            throw ProblemException.unprocessable(field + " " + claimed + " is more than " + window
                    + " ago, beyond the backdating window");
        }
        return new ReportedTime(claimed, true);
    }
}
