package io.pledge.contracts.sla;

import java.time.Instant;

/**
 * {@code sla.warning-retracted}: a late event showed that a clock never used up
 * {@code thresholdPercent} of its target, although {@code sla.warning} said so at {@code warnedAt}.
 * One per retracted threshold; a consumer that acted on the warning takes its action back.
 *
 * @param warnedAt the instant the warning named, as the clock now reads: when it would use the
 *                 threshold had it run on from its stop (or resumed at its pause)
 */
public record SlaWarningRetracted(SlaClockFacts clock, int thresholdPercent, Instant warnedAt, long elapsedSeconds,
                                  Instant retractedAt, String reason) implements SlaEvent {
}
