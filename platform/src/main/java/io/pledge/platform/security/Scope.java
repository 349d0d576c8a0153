package io.pledge.platform.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What one caller may see and act on (blueprint §6): agents the work of their teams, supervisors
 * that of their departments (and their own teams), integration clients the tickets their own
 * source system opened, admins everything. A dashboard sees aggregates of its teams and departments.
 * The team or department {@value #EVERYTHING} in a token stands for all of them (a company-wide
 * wallboard, a head of service). Pure: built from a token by {@link Caller}, testable without Quarkus.
 *
 * @param subject     who calls (the token's subject or upn)
 * @param roles       the caller's roles ({@link Roles})
 * @param teams       the teams named in the token
 * @param departments the departments named in the token
 * @param client      the OAuth client the token was issued to; for an integration, its source system
 */
public record Scope(String subject, Set<String> roles, Set<String> teams, Set<String> departments,
                    Optional<String> client) {

    public static final String EVERYTHING = "*";

    public Scope {
        roles = Set.copyOf(roles);
        teams = Set.copyOf(teams);
        departments = Set.copyOf(departments);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return is(Roles.ADMIN);
    }

    /** Admins, and tokens whose teams or departments include {@value #EVERYTHING}, reach everything. */
    public boolean seesEverything() {
        if (isAdmin()) {
            return true;
        }
        return teamsReached().contains(EVERYTHING) || departmentsReached().contains(EVERYTHING);
    }

    /** The teams whose work this caller reaches (agents, supervisors and dashboards: the token's teams). */
    public Set<String> teamsReached() {
        return is(Roles.AGENT) || is(Roles.SUPERVISOR) || is(Roles.DASHBOARD) ? teams : Set.of();
    }

    /** The departments whose work this caller reaches (supervisors and dashboards). */
    public Set<String> departmentsReached() {
        return is(Roles.SUPERVISOR) || is(Roles.DASHBOARD) ? departments : Set.of();
    }

    /** The source system whose tickets an integration client reaches: its own client id. */
    public Optional<String> sourceSystemReached() {
        return is(Roles.INTEGRATION) ? client : Optional.empty();
    }

    /** Whether this caller reaches a thing of {@code team}, {@code department}, opened by {@code sourceSystem}. */
    public boolean reaches(Reach reach) {
        if (seesEverything()) {
            return true;
        }
        return contains(teamsReached(), reach.team())
                || contains(departmentsReached(), reach.department())
                || sourceSystemReached().isPresent() && sourceSystemReached().get().equals(reach.sourceSystem());
    }

    /** Per-agent figures and comments: supervisors and admins. */
    public boolean seesIndividuals() {
        return isAdmin() || is(Roles.SUPERVISOR);
    }

    private static boolean contains(Collection<String> names, String name) {
        return name != null && names.contains(name);
    }

    /** Where a ticket, complaint or survey belongs: its team, its department, the system that opened it. */
    public record Reach(String team, String department, String sourceSystem) {
    }
}
