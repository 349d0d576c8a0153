package io.pledge.intake.ticket;

import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Concurrent requests that create the same thing (a ticket under one Idempotency-Key, a new
 * customer, a call) race on unique keys or row versions; the loser's transaction fails and it
 * tries again, at most {@link #ATTEMPTS} times, finding what the winner wrote.
 */
public final class Races {

    static final int ATTEMPTS = 3;

    /**
     * Runs {@code once} in a transaction of its own. When it loses a race, a concurrent request
     * committed first: {@code earlier} (in a transaction of its own) finds what that one made if it
     * was the same request, and that is the answer; else it runs again, {@link #ATTEMPTS} times in
     * all, then gives up with a 409.
     */
    public static <T> T run(Callable<T> once, Callable<Optional<T>> earlier) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(once);
            } catch (RuntimeException e) {
                if (!lost(e)) {
                    throw e;
                }
                Optional<T> found = QuarkusTransaction.requiringNew().call(earlier);
                if (found.isPresent()) {
                    return found.get();
                }
                if (attempt == ATTEMPTS) {
                    throw givenUp();
                }
            }
        }
    }

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

    private static ProblemException givenUp() {
        return ProblemException.conflict("concurrent requests changed the same data; please retry");
    }

    private Races() {
    }
}
