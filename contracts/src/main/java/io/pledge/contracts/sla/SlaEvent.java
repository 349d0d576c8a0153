package io.pledge.contracts.sla;

import io.pledge.contracts.PledgeEvent;

/** An event about an SLA clock: keyed by its ticket id, so a ticket's SLA events stay in order. */
public interface SlaEvent extends PledgeEvent {

    SlaClockFacts clock();

    @Override
    default String subject() {
        return clock().ticketId().toString();
    }
}
