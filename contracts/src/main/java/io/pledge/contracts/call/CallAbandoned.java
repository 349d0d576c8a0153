package io.pledge.contracts.call;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;

/**
 * {@code call.abandoned}: the caller hung up before an agent answered. Keyed by the call id (no
 * ticket exists); no caller number.
 *
 * @param customerId the CRM id of the caller, when the number was recognised
 * @param team the team whose queue the call waited in, as the phone system reported it
 * @param agent the agent the call was ringing at, if any
 * @param department the department of that team, if given
 * @param reportedLate true when the fact was reported after it happened, by an integration within the
 *                     backdating window; absent (null) or false otherwise
 */
public record CallAbandoned(String callId, String queue, String customerId, Instant offeredAt, Instant abandonedAt,
                            long waitSeconds, String team, String agent, String department, Boolean reportedLate) implements PledgeEvent {

    @Override
    public String subject() {
        return callId;
    }
}
