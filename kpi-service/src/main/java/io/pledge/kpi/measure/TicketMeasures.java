package io.pledge.kpi.measure;

import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.kpi.measure.CountedTicket.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.kpi.measure.EventMeasures.OPEN_CHANGE;
import static io.pledge.kpi.measure.EventMeasures.dimensionsOf;

/**
 * A ticket's life in the KPIs, each ticket counted once: opened (and, in the bucket of its opening,
 * whether it is resolved now), first resolved (within 24 h, at first contact, reopened since), and
 * its earliest first response.
 */
final class TicketMeasures {

    /** Resolved within this counts as "solved within 24 h" (seed 003: 80 %). */
    static final Duration WITHIN_A_DAY = Duration.ofHours(24);

    private TicketMeasures() {
    }

    static void opened(TicketOpened opened, Instant at, Ledger ledger, List<Measure> m) {
        UUID id = opened.ticket().ticketId();
        CountedTicket ticket = ledger.ticket(id);
        if (ticket.openedAt() != null) {
            return; // the same ticket announced again
        }
        List<Dimension> d = dimensionsOf(opened.ticket());
        m.add(Measure.count("tickets.opened", d, at));
        if (ticket.status() == Status.UNKNOWN) {
            m.add(Measure.count(OPEN_CHANGE, d, at));
        }
        ledger.tickets().put(id, ticket.opened(at, d));
    }

    static void resolved(TicketResolved resolved, Instant at, Ledger ledger, List<Measure> m) {
        UUID id = resolved.ticket().ticketId();
        CountedTicket ticket = ledger.ticket(id);
        if (ticket.status() == Status.RESOLVED) {
            return; // announced again
        }
        List<Dimension> d = dimensionsOf(resolved.ticket());
        m.add(Measure.uncount(OPEN_CHANGE, d, at));
        if (ticket.openedAt() != null) {
            m.add(Measure.count("tickets.opened-resolved", ticket.openedIn(), ticket.openedAt()));
        }
        ticket = ticket.in(Status.RESOLVED);
        if (ticket.firstResolvedAt() == null) {
            Duration took = Duration.between(resolved.openedAt(), resolved.resolvedAt());
            m.add(Measure.count("tickets.resolved", d, at));
            m.add(Measure.observe("resolution.time", d, at, Math.max(0, took.toSeconds())));
            if (took.compareTo(WITHIN_A_DAY) <= 0) {
                m.add(Measure.count("tickets.resolved-within-24h", d, at));
            }
            boolean atFirstContact = resolved.agentReplies() <= 1 && resolved.reopenCount() == 0;
            if (atFirstContact) {
                m.add(Measure.count("tickets.first-contact-resolved", d, at));
            }
            ticket = ticket.firstResolved(at, d, atFirstContact);
        }
        ledger.tickets().put(id, ticket);
    }

    /**
     * Open again: back in the backlog, out of its cohort's resolved tickets until resolved again,
     * no longer resolved at first contact; counted as reopened the first time only.
     */
    static void reopened(TicketReopened reopened, Instant at, Ledger ledger, List<Measure> m) {
        UUID id = reopened.ticket().ticketId();
        CountedTicket ticket = ledger.ticket(id);
        if (ticket.status() == Status.OPEN) {
            return; // announced again
        }
        List<Dimension> d = dimensionsOf(reopened.ticket());
        m.add(Measure.count(OPEN_CHANGE, d, at));
        if (ticket.status() == Status.RESOLVED && ticket.openedAt() != null) {
            m.add(Measure.uncount("tickets.opened-resolved", ticket.openedIn(), ticket.openedAt()));
        }
        if (!ticket.reopened()) {
            m.add(Measure.count("tickets.reopened", d, at));
            if (ticket.firstResolvedAt() != null) {
                m.add(Measure.count("tickets.resolved-reopened", ticket.firstResolvedIn(), ticket.firstResolvedAt()));
            }
        }
        if (ticket.firstContactResolved()) {
            m.add(Measure.uncount("tickets.first-contact-resolved", ticket.firstResolvedIn(), ticket.firstResolvedAt()));
        }
        ledger.tickets().put(id, ticket.in(Status.OPEN).reopenedSinceResolution());
    }

    /**
     * A ticket has one first response, the earliest: a later one changes nothing; an earlier one
     * (a reply reported late) replaces the one counted before.
     */
    static void firstResponse(FirstResponse response, Ledger ledger, List<Measure> m) {
        UUID id = response.ticket().ticketId();
        CountedTicket ticket = ledger.ticket(id);
        if (ticket.respondedAt() != null && !response.respondedAt().isBefore(ticket.respondedAt())) {
            return;
        }
        if (ticket.respondedAt() != null) {
            m.add(Measure.unobserve("first-response.time", ticket.respondedIn(), response.openedAt(),
                    ticket.responseSeconds()));
        }
        List<Dimension> d = dimensionsOf(response.ticket());
        long seconds = Math.max(0, Duration.between(response.openedAt(), response.respondedAt()).toSeconds());
        m.add(Measure.observe("first-response.time", d, response.openedAt(), seconds));
        ledger.tickets().put(id, ticket.responded(response.respondedAt(), seconds, d));
    }
}
