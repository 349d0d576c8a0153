package io.pledge.intake.ticket;

import io.pledge.platform.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;

/**
 * Concurrent requests that create the same thing (a ticket under one Idempotency-Key, a new
 * customer, a call) race on unique keys or row versions; the loser's transaction fails and it
 * tries again, at most {@link #ATTEMPTS} times, finding what the winner wrote.
 */
public final class Races {

    public static final int ATTEMPTS = 3;

    /** Whether {@code e} is a lost race rather than a real failure. */
    public static boolean lost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true; // unique_violation
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemException givenUp() {
        return ProblemException.conflict("concurrent requests changed the same data; please retry");
    }

    private Races() {
    }
}
