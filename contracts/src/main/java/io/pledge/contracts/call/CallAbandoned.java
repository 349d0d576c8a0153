package io.pledge.contracts.call;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;

/**
 * {@code call.abandoned}: the caller hung up before an agent answered. Keyed by the call id (no
 * ticket exists); no caller number.
 *
 * @param customerId the CRM id of the caller, when the number was recognised
 */
public record CallAbandoned(String callId, String queue, String customerId, Instant offeredAt, Instant abandonedAt,
                            long waitSeconds) implements PledgeEvent {

    @Override
    public String subject() {
        return callId;
    }
}
