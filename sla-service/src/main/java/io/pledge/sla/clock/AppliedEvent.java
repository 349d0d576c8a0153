package io.pledge.sla.clock;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;

/**
 * What the clocks need to know about the event being applied in this transaction, beyond its
 * data: whether an integration reported it late. A retraction caused by such an event says so
 * ({@code sla.breach-retracted} with {@code reportedLate=true}), so consumers can tell a
 * correction from a late report apart from one of a live event. The handler sets it before each
 * event of a poll; the alarm scan never does (its retractions have no late cause).
 */
@TransactionScoped
public class AppliedEvent implements Serializable {

    private boolean reportedLate;

    public boolean reportedLate() {
        return reportedLate;
    }

    public void reportedLate(boolean late) {
        this.reportedLate = late;
    }
}
