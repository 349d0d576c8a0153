package io.pledge.notify.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as the log shows it: to whom, why (the rule and the cause event), how (channel), and
 * where it stands.
 *
 * @param state         PENDING (due at nextAttemptAt: a retry, or waiting for quiet hours to end);
 *                      DIGESTED (beyond the mails a minute: goes out in digestId); SENT; FAILED;
 *                      CANCELLED (its breach retracted before it went out, or the recipient removed)
 * @param inDigest      whether it went out (or will) inside a digest
 * @param corrects      a CORRECTION: the alert it corrects
 */
public record AlertView(UUID id, String ruleId, String recipientId, String channel, String kind, String causeEventId,
                        String causeType, String ticketId, String state, int attempts, Instant createdAt,
                        Instant nextAttemptAt, Instant sentAt, String lastError, boolean inDigest, UUID digestId,
                        UUID corrects) {
}
