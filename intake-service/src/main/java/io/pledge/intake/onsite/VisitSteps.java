package io.pledge.intake.onsite;

import java.time.Instant;

/**
 * The steps of an on-site visit, in the only order they can happen: requested, a technician
 * dispatched, the visit completed (seed 003 promises the dispatch within 2 h and the completion the
 * same day, so each step's time is what the promises are measured on).
 */
public final class VisitSteps {

    /** Where a visit stands. */
    public enum Step { REQUESTED, DISPATCHED, COMPLETED }

    /** What can be done to a visit, and the step it is done from. */
    public enum Move {
        DISPATCH("dispatch", Step.REQUESTED), COMPLETE("complete", Step.DISPATCHED);

        final String words;
        final Step from;

        Move(String words, Step from) {
            this.words = words;
            this.from = from;
        }
    }

    /** Thrown for a move the visit's step does not allow; the message names the one that is. */
    public static final class IllegalStep extends RuntimeException {
        IllegalStep(String message) {
            super(message);
        }
    }

    /** The step of a visit whose dispatch and completion happened at these times (null: not yet). */
    public static Step of(Instant dispatchedAt, Instant completedAt) {
        return completedAt != null ? Step.COMPLETED : dispatchedAt != null ? Step.DISPATCHED : Step.REQUESTED;
    }

    /** @throws IllegalStep when the visit is not at the step {@code move} is done from */
    public static void check(Step step, Move move) {
        if (step != move.from) {
            throw new IllegalStep("cannot " + move.words + " the visit: it is " + step + "; " + next(step));
        }
    }

    /** What may happen next to a visit at {@code step}, in words. */
    public static String next(Step step) {
        for (Move move : Move.values()) {
            if (move.from == step) {
                return "next: " + move.words;
            }
        }
        return "nothing is left to do (request a new visit if another is needed)";
    }

    private VisitSteps() {
    }
}
