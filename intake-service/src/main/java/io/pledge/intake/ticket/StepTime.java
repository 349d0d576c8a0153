package io.pledge.intake.ticket;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;

/**
 * When a reported step happened. A CRM may report a step late ({@code occurredAt}); the step may
 * not lie in the future, nor before the step it follows: consumers compute from event time, so a
 * ticket's events must keep their order in it (a resolution before the status it ends, a
 * dispatch before its visit was requested, would make every clock downstream wrong).
 */
public final class StepTime {

    /** A CRM clock a little ahead of ours is not "in the future". */
    static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(30);

    /** The step a new one follows, in words for the caller ("the ticket was opened"), and when it happened. */
    public record After(String what, Instant at) {
    }

    /**
     * {@code occurredAt} checked against now and the step it follows; when absent, now, or the
     * previous step's time should a clock a little ahead of ours have dated that one after now.
     *
     * @throws ProblemException 400 when {@code occurredAt} lies in the future or before {@code previous}
     */
    public static Instant of(String field, Instant occurredAt, Instant now, After previous) {
        if (occurredAt == null) {
            return previous.at().isAfter(now) ? previous.at() : now;
        }
        notInFuture(field, occurredAt, now);
        if (occurredAt.isBefore(previous.at())) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    field + " " + occurredAt + " is before " + previous.what() + " at " + previous.at());
        }
        return occurredAt;
    }

    /**
     * {@code at}, or now when absent.
     *
     * @throws ProblemException 400 when {@code at} lies in the future
     */
    public static Instant notInFuture(String field, Instant at, Instant now) {
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW_TOLERANCE))) {
            throw new ProblemException(Response.Status.BAD_REQUEST, field + " " + at + " is in the future (now " + now + ")");
        }
        return at;
    }

    private StepTime() {
    }
}
