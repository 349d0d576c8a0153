package io.pledge.complaint.ticket;

import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;

import java.util.Map;

/**
 * Whom a complaint reaches (blueprint §6): whoever reaches its ticket ({@link ScopeCondition} on the
 * ticket copy), and the supervisors (and dashboards) of the department the complaint was routed
 * to, which need not be the ticket's: a complaint about a D1 ticket handled by D2 is D2's work.
 * One rule, as a check and as query conditions, so that a single complaint, the list and the
 * review agree.
 */
public final class TicketScope {

    /** The parameter holding the caller's departments, for the complaint's own department. */
    private static final String DEPARTMENTS = "complaintScopeDepartments";

    /** Whether {@code scope} reaches a complaint routed to {@code department} about a ticket belonging to {@code ticket}. */
    public static boolean reaches(Scope scope, Scope.Reach ticket, String department) {
        return scope.reaches(ticket) || scope.reaches(new Scope.Reach(null, department, null));
    }

    /** The condition that a complaint {@code c} (JPQL) is reached: through its ticket, or by its own department. */
    public static String complaintReached(Scope scope, Map<String, Object> parameters) {
        if (scope.seesEverything()) {
            return "1 = 1";
        }
        return orOwnDepartment(scope, "exists (select 1 from ComplaintTicket t where t.ticketId = c.ticketId and "
                + ScopeCondition.of(scope, "t", parameters) + ")", "c.department", parameters);
    }

    /**
     * The same in SQL, for a query over {@code complaint c left join complaint_ticket t on
     * t.ticket_id = c.ticket_id}.
     */
    public static String complaintReachedSql(Scope scope, Map<String, Object> parameters) {
        if (scope.seesEverything()) {
            return "1 = 1";
        }
        return orOwnDepartment(scope, ScopeCondition.of(scope, "t.team", "t.department", "t.source_system", parameters),
                "c.department", parameters);
    }

    private static String orOwnDepartment(Scope scope, String ticketReached, String department,
                                          Map<String, Object> parameters) {
        if (scope.departmentsReached().isEmpty()) {
            return ticketReached;
        }
        parameters.put(DEPARTMENTS, scope.departmentsReached());
        return "(" + ticketReached + " or " + department + " in :" + DEPARTMENTS + ")";
    }

    private TicketScope() {
    }
}
