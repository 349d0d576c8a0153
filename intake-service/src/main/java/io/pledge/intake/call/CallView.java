package io.pledge.intake.call;

import java.time.Instant;
import java.util.UUID;

/** A recorded call, without the caller's number. */
public record CallView(String callId, Outcome outcome, String queue, UUID ticketId, Instant offeredAt,
                       Instant answeredAt, Instant abandonedAt, Instant endedAt, String agent, String team,
                       String department, long waitSeconds) {

    public enum Outcome { ANSWERED, ABANDONED }

    static CallView of(Call call) {
        Instant pickedUpOrDropped = call.answeredAt != null ? call.answeredAt : call.abandonedAt;
        return new CallView(call.callId, call.answeredAt != null ? Outcome.ANSWERED : Outcome.ABANDONED, call.queue,
                call.ticketId, call.offeredAt, call.answeredAt, call.abandonedAt, call.endedAt, call.agent, call.team,
                call.department, java.time.Duration.between(call.offeredAt, pickedUpOrDropped).toSeconds());
    }
}
