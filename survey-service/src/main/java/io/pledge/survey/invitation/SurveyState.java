package io.pledge.survey.invitation;

/**
 * SCHEDULED (waiting for its send instant) → SENT → COMPLETED or EXPIRED. SCHEDULED may instead
 * end CANCELLED (the ticket was reopened; a later resolution schedules it again) or SKIPPED (the
 * customer opted out, was invited too recently, or the ticket was resolved as spam/duplicate).
 */
public enum SurveyState {
    SCHEDULED, SENT, COMPLETED, EXPIRED, CANCELLED, SKIPPED
}
