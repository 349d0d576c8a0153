package io.pledge.platform.security;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who reaches what (blueprint §6), without Quarkus. */
class ScopeTest {

    private static final Scope.Reach TEAM_A_CARE_CRM_A = new Scope.Reach("team-a", "care", "crm-a");

    private static Scope scope(String role, Set<String> teams, Set<String> departments, String client) {
        return new Scope("someone", Set.of(role), teams, departments, Optional.ofNullable(client));
    }

    @Test
    void anAgentReachesTheWorkOfItsTeamsOnly() {
        assertTrue(scope(Roles.AGENT, Set.of("team-a"), Set.of(), null).reaches(TEAM_A_CARE_CRM_A));
        assertFalse(scope(Roles.AGENT, Set.of("team-b"), Set.of(), null).reaches(TEAM_A_CARE_CRM_A));
    }

    @Test
    void anAgentsDepartmentsAndClientGiveItNothing() {
        assertFalse(scope(Roles.AGENT, Set.of(), Set.of("care"), "crm-a").reaches(TEAM_A_CARE_CRM_A));
    }

    @Test
    void aSupervisorReachesItsDepartmentsAndItsTeams() {
        assertTrue(scope(Roles.SUPERVISOR, Set.of(), Set.of("care"), null).reaches(TEAM_A_CARE_CRM_A));
        assertTrue(scope(Roles.SUPERVISOR, Set.of("team-a"), Set.of("sales"), null).reaches(TEAM_A_CARE_CRM_A));
        assertFalse(scope(Roles.SUPERVISOR, Set.of("team-b"), Set.of("sales"), null).reaches(TEAM_A_CARE_CRM_A));
    }

    @Test
    void anIntegrationReachesOnlyWhatItsOwnSourceSystemOpened() {
        assertTrue(scope(Roles.INTEGRATION, Set.of(), Set.of(), "crm-a").reaches(TEAM_A_CARE_CRM_A));
        assertFalse(scope(Roles.INTEGRATION, Set.of("team-a"), Set.of("care"), "crm-b").reaches(TEAM_A_CARE_CRM_A));
    }

    @Test
    void anAdminAndAStarReachEverything() {
        assertTrue(scope(Roles.ADMIN, Set.of(), Set.of(), null).reaches(TEAM_A_CARE_CRM_A));
        assertTrue(scope(Roles.DASHBOARD, Set.of(), Set.of(Scope.EVERYTHING), null).seesEverything());
        assertFalse(scope(Roles.AGENT, Set.of(), Set.of(Scope.EVERYTHING), null).seesEverything());
    }

    @Test
    void somethingOfNoTeamIsReachedByNeitherAgentsNorSupervisorsOfATeam() {
        assertFalse(scope(Roles.SUPERVISOR, Set.of("team-a"), Set.of(), null).reaches(new Scope.Reach(null, null, "crm-a")));
    }

    @Test
    void theConditionIsTheSameRuleInAQuery() {
        Map<String, Object> parameters = new HashMap<>();
        assertEquals("(t.team in :scopeTeams or t.department in :scopeDepartments)",
                ScopeCondition.of(scope(Roles.SUPERVISOR, Set.of("team-a"), Set.of("care"), "crm-a"), "t", parameters));
        assertEquals(Set.of("team-a"), parameters.get("scopeTeams"));
        assertEquals("1 = 0", ScopeCondition.of(scope(Roles.AGENT, Set.of(), Set.of(), null), "t", new HashMap<>()));
        assertEquals("1 = 1", ScopeCondition.of(scope(Roles.ADMIN, Set.of(), Set.of(), null), "t", new HashMap<>()));
        assertEquals("(t.sourceSystem = :scopeSourceSystem)",
                ScopeCondition.of(scope(Roles.INTEGRATION, Set.of(), Set.of(), "crm-a"), "t", new HashMap<>()));
    }
}
