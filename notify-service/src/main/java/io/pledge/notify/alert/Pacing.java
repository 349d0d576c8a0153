package io.pledge.notify.alert;

import io.pledge.notify.recipient.Staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an alert may go out, pure: not in the recipient's quiet hours; not beyond their mails a
 * minute (the rest wait in one digest until a slot frees up); and, after a failure, when to try
 * again or to give up.
 *
 * @param maxPerMinute     the most mails (or chat posts) a person gets in any minute
 * @param firstRetryWait   the wait after the first failure, doubled after each further one...
 * @param longestRetryWait ...up to this
 * @param giveUpAfter      how long after its first attempt a failing alert is given up
 */
public record Pacing(int maxPerMinute, Duration firstRetryWait, Duration longestRetryWait, Duration giveUpAfter) {

    public static final Duration MINUTE = Duration.ofMinutes(1);

    /** What to do with an alert that is due now. */
    public sealed interface Decision {
    }

    /** Send it now, on its own. */
    public record Send() implements Decision {
    }

    /** The recipient is in their quiet hours: try again when they end. */
    public record Quiet(Instant until) implements Decision {
    }

    /** The recipient had their mails for this minute: into the digest, which goes out at {@code due}. */
    public record Digest(Instant due) implements Decision {
    }

    /**
     * @param sentInLastMinute how many mails (single alerts and digests) went to this person on this
     *                         channel in the minute before {@code now}
     * @param oldestInLastMinute the earliest of them (null when none)
     * @param openDigest       when the digest already gathering for them is due (null when none):
     *                         a later alert joins it rather than overtake it
     */
    public Decision decide(Instant now, Staff recipient, int sentInLastMinute, Instant oldestInLastMinute,
                           Instant openDigest) {
        Optional<Instant> quietUntil = quietUntil(now, recipient);
        if (quietUntil.isPresent()) {
            return new Quiet(quietUntil.get());
        }
        if (openDigest != null) {
            return new Digest(openDigest);
        }
        if (sentInLastMinute < maxPerMinute) {
            return new Send();
        }
        return new Digest(oldestInLastMinute.plus(MINUTE));
    }

    public Optional<Instant> quietUntil(Instant now, Staff recipient) {
        return recipient.quietHours() == null ? Optional.empty() : recipient.quietHours().endAfter(now, recipient.zone());
    }

    /**
     * After a failed attempt: when to try again, or empty to give up (a permanent failure, or
     * failing for {@link #giveUpAfter} since the first attempt).
     *
     * @param attempts how many attempts failed, this one included
     */
    public Optional<Instant> retryAt(Instant now, Instant firstAttempt, int attempts, boolean permanent) {
        if (permanent) {
            return Optional.empty();
        }
        Duration wait = firstRetryWait;
        for (int i = 1; i < attempts && wait.compareTo(longestRetryWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(longestRetryWait) > 0) {
            wait = longestRetryWait;
        }
        Instant next = now.plus(wait);
        return next.isAfter(firstAttempt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
