package io.pledge.platform.security;

import java.util.Map;

/**
 * {@link Scope#reaches} as a query condition, so that lists and queues filter in the database by
 * the same rule a single thing is checked with (and a page is never short of what it may show):
 * everything, or the thing's team among the caller's teams, or its department among the caller's
 * departments, or its source system the integration client's own.
 */
public final class ScopeCondition {

    /**
     * A JPQL or SQL condition over the given column expressions ({@code t.team}, {@code t.department},
     * {@code t.sourceSystem} in JPQL; {@code t.source_system} in SQL), its parameters added to
     * {@code parameters}: {@code 1 = 1} for a caller reaching everything, {@code 1 = 0} for one reaching nothing.
     */
    public static String of(Scope scope, String team, String department, String sourceSystem,
                            Map<String, Object> parameters) {
        if (scope.seesEverything()) {
            return "1 = 1";
        }
        StringBuilder any = new StringBuilder();
        if (!scope.teamsReached().isEmpty()) {
            any.append(team).append(" in :scopeTeams");
            parameters.put("scopeTeams", scope.teamsReached());
        }
        if (!scope.departmentsReached().isEmpty()) {
            any.append(any.isEmpty() ? "" : " or ").append(department).append(" in :scopeDepartments");
            parameters.put("scopeDepartments", scope.departmentsReached());
        }
        if (scope.sourceSystemReached().isPresent()) {
            any.append(any.isEmpty() ? "" : " or ").append(sourceSystem).append(" = :scopeSourceSystem");
            parameters.put("scopeSourceSystem", scope.sourceSystemReached().get());
        }
        return any.isEmpty() ? "1 = 0" : "(" + any + ")";
    }

    /** The same over a JPQL entity alias {@code t} with fields team, department and sourceSystem. */
    public static String of(Scope scope, String alias, Map<String, Object> parameters) {
        return of(scope, alias + ".team", alias + ".department", alias + ".sourceSystem", parameters);
    }

    private ScopeCondition() {
    }
}
