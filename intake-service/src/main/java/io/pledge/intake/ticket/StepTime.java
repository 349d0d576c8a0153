package io.pledge.intake.ticket;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * The order of a ticket's steps. A step reported late ({@code occurredAt}, checked first by
 * {@link ReportedTimes}: who may backdate, how far, not in the future) may not lie before the step
 * it follows: consumers compute from event time, so a ticket's events must keep their order in it
 * (a resolution before the status it ends, a dispatch before its visit was requested, would make
 * every clock downstream wrong).
 */
public final class StepTime {

    /** The step a new one follows, in words for the caller ("the ticket was opened"), and when it happened. */
    public record After(String what, Instant at) {
    }

    /**
     * The time of a step reported at {@code at}: that time when the caller gave it ({@code given})
     * and it does not lie before {@code previous}; when not given (at = now), now, or the previous
     * step's time should a clock a little ahead of ours have dated that one after now.
     *
     * @throws ProblemException 400 when a given time lies before {@code previous}
     */
    public static Instant after(String field, boolean given, Instant at, After previous) {
        if (!given) {
            return previous.at().isAfter(at) ? previous.at() : at;
        }
        if (at.isBefore(previous.at())) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    field + " " + at + " is before " + previous.what() + " at " + previous.at());
        }
        return at;
    }

    private StepTime() {
    }
}
