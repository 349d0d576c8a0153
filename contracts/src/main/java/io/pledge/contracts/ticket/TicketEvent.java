package io.pledge.contracts.ticket;

import io.pledge.contracts.PledgeEvent;

/** An event about a ticket: keyed by the ticket id, carrying the ticket's facts. */
public interface TicketEvent extends PledgeEvent {

    TicketFacts ticket();

    @Override
    default String subject() {
        return ticket().ticketId().toString();
    }
}
