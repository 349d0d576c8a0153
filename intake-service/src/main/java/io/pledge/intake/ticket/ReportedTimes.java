package io.pledge.intake.ticket;

import io.pledge.platform.PledgeConfig;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.ReportedTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/**
 * When a fact the caller reports happened (blueprint §6, trustworthy time): {@link ReportedTime}
 * for the current caller, plus the order of a ticket's steps ({@link StepTime}). Staff act now;
 * only an integration reports an earlier time, within pledge.security.backdating-window, and the
 * events of such late facts carry {@code reportedLate: true}.
 */
@ApplicationScoped
public class ReportedTimes {

    @Inject
    Caller caller;

    @Inject
    PledgeConfig config;

    @Inject
    Clock clock;

    /**
     * {@code claimed}, or now when null.
     *
     * @throws ProblemException 403 for a staff caller's earlier time; 422 for a time in the future or before the window
     */
    public ReportedTime of(String field, Instant claimed) {
        return ReportedTime.of(field, claimed, caller.scope(), clock.instant(),
                config.security().backdatingWindow(), config.security().lateAfter());
    }

    /**
     * A step on a ticket: as {@link #of}, and not before the step it follows.
     *
     * @throws ProblemException 400 when {@code claimed} lies before {@code previous}
     */
    public ReportedTime step(String field, Instant claimed, StepTime.After previous) {
        ReportedTime reported = of(field, claimed);
        return new ReportedTime(StepTime.after(field, claimed != null, reported.at(), previous), reported.late());
    }

    /** The event field {@code reportedLate}: true for a late fact, absent (null) otherwise. */
    public static Boolean flag(ReportedTime time) {
        return time.late() ? Boolean.TRUE : null;
    }

    /** @throws ProblemException 422 when {@code at} lies before the backdating window */
    public void withinWindow(String field, Instant at) {
        if (at != null && at.isBefore(clock.instant().minus(config.security().backdatingWindow()))) {
            throw ProblemException.unprocessable(field + " " + at + " is more than "
                    + config.security().backdatingWindow() + " ago, beyond the backdating window");
        }
    }
}
