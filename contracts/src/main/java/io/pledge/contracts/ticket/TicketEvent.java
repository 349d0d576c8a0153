package io.pledge.contracts.ticket;

import io.pledge.contracts.PledgeEvent;

/** An event about a ticket: keyed by the ticket id, carrying the ticket's facts. */
public interface TicketEvent extends PledgeEvent {

    TicketFacts ticket();

    /**
     * Whether an integration reported this fact after it happened (within the backdating window).
     * Events that carry the flag override this with their record component; the others
     * (assignment, reclassification) are never reported late.
     */
    default Boolean reportedLate() {
        return null;
    }

    /** {@link #reportedLate()} as a plain boolean: absent counts as not late. */
    default boolean wasReportedLate() {
        return Boolean.TRUE.equals(reportedLate());
    }

    @Override
    default String subject() {
        return ticket().ticketId().toString();
    }
}
