package io.pledge.complaint.ticket;

import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;

import java.util.Map;

/**
 * A complaint is reached through its ticket ({@link ScopeCondition} on the ticket copy), so that
 * lists and the review filter in SQL by the same rule a single complaint is checked with.
 */
public final class TicketScope {

    /** The condition that a complaint {@code c} (JPQL) belongs to a ticket the caller reaches. */
    public static String complaintReached(Scope scope, Map<String, Object> parameters) {
        if (scope.seesEverything()) {
            return "1 = 1";
        }
        return "exists (select 1 from ComplaintTicket t where t.ticketId = c.ticketId and "
                + ScopeCondition.of(scope, "t", parameters) + ")";
    }

    private TicketScope() {
    }
}
