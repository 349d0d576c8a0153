package io.pledge.kpi.catalogue;

import io.pledge.kpi.measure.Dimension;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Scope;
import jakarta.ws.rs.core.Response;

/**
 * Which KPI figures a caller may see (blueprint §6, issue #14). A KPI value belongs to one
 * dimension value, not to tickets, so the rule is on the dimension asked for:
 * <ul>
 *   <li>callers who see everything (admins; tokens with team or department {@code *}): all of them;</li>
 *   <li>{@code team=X}: a dashboard, supervisor or agent token naming team X;</li>
 *   <li>{@code department=D}: a dashboard or supervisor token naming department D;</li>
 *   <li>{@code agent=A}: per-agent figures, only for supervisors and admins (403 for anyone else), and
 *       of those only the ones who see everything — the figures do not say which team an agent
 *       worked for (an agent's value mixes all the tickets they handled), so a supervisor of some
 *       teams cannot be given exactly their agents;</li>
 *   <li>{@code all}, {@code channel}, {@code category}, {@code priority}: company-wide figures that mix
 *       every team's work, only for callers who see everything.</li>
 * </ul>
 * Outside its scope a caller gets a 404 (recorded as a refusal in the audit log), the same for a
 * value that exists and one that does not, so dimension values cannot be probed.
 */
public final class KpiScope {

    /** Nothing when the caller may see {@code dimension}; otherwise 403 (per-agent figures) or 404. */
    public static void require(Caller caller, Dimension dimension) {
        requireIndividuals(caller.scope(), dimension.name());
        caller.require(reach(dimension), "no KPI figures for " + dimension + " in your scope");
    }

    /** Nothing when {@code scope} may be given figures broken down by {@code dimensionName}; else 403 (agents). */
    public static void requireIndividuals(Scope scope, String dimensionName) {
        if ("agent".equals(dimensionName) && !scope.seesIndividuals()) {
            throw new ProblemException(Response.Status.FORBIDDEN, "per-agent figures are for supervisors and admins");
        }
    }

    /** Whether {@code scope} may see {@code dimension}: the rule of {@link #require}, without refusing. */
    public static boolean allows(Scope scope, Dimension dimension) {
        if ("agent".equals(dimension.name()) && !scope.seesIndividuals()) {
            return false;
        }
        return scope.reaches(reach(dimension));
    }

    private static Scope.Reach reach(Dimension dimension) {
        return switch (dimension.name()) {
            case "team" -> new Scope.Reach(dimension.value(), null, null);
            case "department" -> new Scope.Reach(null, dimension.value(), null);
            default -> new Scope.Reach(null, null, null);   // reached only by callers who see everything
        };
    }

    private KpiScope() {
    }
}
