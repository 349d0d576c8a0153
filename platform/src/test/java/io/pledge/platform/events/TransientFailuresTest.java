package io.pledge.platform.events;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures of a poll are retried (not the events' fault) and which split it to find the poison. */
class TransientFailuresTest {

    private static RuntimeException committing(Throwable cause) {
        return new IllegalStateException("commit failed", new PersistenceException(cause));
    }

    @Test
    void aVersionAnotherTransactionChangedIsTransient() {
        assertTrue(TransientFailures.isTransient(committing(new OptimisticLockException("row was updated"))));
    }

    @Test
    void aDeadlockASerializationFailureAndALockNotAvailableAreTransient() {
        assertTrue(TransientFailures.isTransient(committing(new SQLException("deadlock detected", "40P01"))));
        assertTrue(TransientFailures.isTransient(committing(new SQLException("could not serialize", "40001"))));
        assertTrue(TransientFailures.isTransient(committing(new SQLException("lock not available", "55P03"))));
        assertTrue(TransientFailures.isTransient(committing(new LockAcquisitionException("lock", new SQLException("x")))));
    }

    @Test
    void aLostConnectionAndAServerShuttingDownAreTransient() {
        assertTrue(TransientFailures.isTransient(committing(new SQLException("connection refused", "08001"))));
        assertTrue(TransientFailures.isTransient(committing(new SQLException("terminating connection", "57P01"))));
    }

    @Test
    void dataTheDatabaseRefusesAndAConstraintViolationAreNot() {
        assertFalse(TransientFailures.isTransient(committing(new DataException("bad data",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))));
        assertFalse(TransientFailures.isTransient(committing(new SQLException("duplicate key", "23505"))));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("no such policy")));
    }
}
