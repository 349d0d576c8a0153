package io.pledge.platform.events;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Whether a failed poll failed through no fault of its events: another transaction changed or
 * locked the same rows (optimistic version, lock wait, serialization failure, deadlock), or the
 * database could not be reached. Such a poll is tried again as a whole, later; it is never
 * dead-lettered.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof LockAcquisitionException || t instanceof JDBCConnectionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL's SQLSTATE classes (appendix A of its manual): 08 connection exception, 40
     * transaction rollback (40001 serialization failure, 40P01 deadlock), 53 insufficient
     * resources, 57P operator intervention (the server shutting down or starting), 55P03 lock not available.
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P") || state.equals("55P03"));
    }
}
