package io.pledge.notify.alert;

import io.pledge.contracts.notification.WebhookEndpointDisabled;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.notify.recipient.Directory;
import io.pledge.notify.recipient.Language;
import io.pledge.notify.recipient.Staff;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.pledge.notify.alert.AlertExamples.breached;
import static io.pledge.notify.alert.AlertExamples.clock;
import static io.pledge.notify.alert.AlertExamples.escalated;
import static io.pledge.notify.alert.AlertExamples.received;
import static io.pledge.notify.alert.AlertExamples.survey;
import static io.pledge.notify.alert.AlertExamples.ticket;
import static io.pledge.notify.alert.AlertExamples.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which events alert whom: the seeds' rules against a small directory, no Quarkus. */
class AlertMatcherTest {

    private static final Instant DUE = Instant.parse("2030-05-01T10:00:00Z");

    /** A person and what they lead or own. */
    private record Entry(Staff staff, Set<String> teams, Set<String> departments, Set<Integer> levels) {
    }

    /** The directory's rules, over a list. */
    private static final class ListDirectory implements Directory {
        final List<Entry> entries = new ArrayList<>();

        ListDirectory with(String id, boolean chat, Set<String> teams, Set<String> departments, Set<Integer> levels) {
            entries.add(new Entry(new Staff(id, id, id + "@pledge.test", chat ? URI.create("https://chat.example/" + id) : null,
                    Language.EN, ZoneOffset.UTC, null), teams, departments, levels));
            return this;
        }

        @Override
        public Optional<Staff> byId(String id) {
            return entries.stream().map(Entry::staff).filter(s -> s.id().equals(id)).findFirst();
        }

        @Override
        public List<Staff> teamLeads(String team) {
            return entries.stream().filter(e -> e.teams().contains(team)).map(Entry::staff).toList();
        }

        @Override
        public List<Staff> supervisors(String department) {
            return entries.stream().filter(e -> e.departments().contains(department)).map(Entry::staff).toList();
        }

        @Override
        public List<Staff> levelOwners(int level, String department) {
            return entries.stream().filter(e -> e.levels().contains(level))
                    .filter(e -> department == null || e.departments().isEmpty() || e.departments().contains(department))
                    .map(Entry::staff).toList();
        }
    }

    private final ListDirectory directory = new ListDirectory()
            .with("agent-li", false, Set.of(), Set.of(), Set.of())
            .with("lead-wang", true, Set.of("care"), Set.of(), Set.of())
            .with("sup-zhao", false, Set.of(), Set.of("customer-care"), Set.of(2))
            .with("sup-other", false, Set.of(), Set.of("after-sales"), Set.of(2))
            .with("committee-chen", false, Set.of(), Set.of(), Set.of(3))
            .with("crm-owner", false, Set.of(), Set.of(), Set.of());

    /** The seeds, as the migration writes them. */
    private static final List<Rule> SEEDS = List.of(
            rule("seed-sla-warning-75", RuleDefinition.SLA_WARNING, conditions(75, null), Role.ASSIGNEE),
            rule("seed-sla-warning-90", RuleDefinition.SLA_WARNING, conditions(90, null), Role.ASSIGNEE, Role.TEAM_LEAD),
            rule("seed-sla-breached", RuleDefinition.SLA_BREACHED, null, Role.ASSIGNEE, Role.TEAM_LEAD,
                    Role.DEPARTMENT_SUPERVISOR),
            rule("seed-complaint-escalated", RuleDefinition.COMPLAINT_ESCALATED, null, Role.LEVEL_OWNER),
            rule("seed-survey-unsatisfied", RuleDefinition.SURVEY_COMPLETED, conditions(null, true), Role.TEAM_LEAD),
            rule("seed-webhook-endpoint-disabled", RuleDefinition.WEBHOOK_ENDPOINT_DISABLED, null, Role.SUBSCRIPTION_OWNER));

    private static RuleDefinition.Conditions conditions(Integer threshold, Boolean unsatisfied) {
        return new RuleDefinition.Conditions(null, null, null, null, threshold, unsatisfied);
    }

    private static Rule rule(String id, String type, RuleDefinition.Conditions conditions, Role... roles) {
        return new Rule(id, new RuleDefinition(type, null, conditions, List.of(roles),
                List.of(AlertChannel.EMAIL, AlertChannel.CHAT), true));
    }

    private static final TicketFacts TICKET = ticket("care", "agent-li", "customer-care", Priority.HIGH);

    private List<String> whoIsTold(Object event, Cause.KnownTicket known) {
        Cause cause = Cause.of(received((io.pledge.contracts.PledgeEvent) event), known);
        return AlertMatcher.match(cause, SEEDS, directory).stream()
                .map(i -> i.ruleId() + " " + i.recipient().id() + " " + i.channel()).toList();
    }

    private List<String> whoIsTold(Object event) {
        return whoIsTold(event, Cause.KnownTicket.NONE);
    }

    @Test
    void aWarningAt75PercentTellsTheAssigneeAndAt90AlsoTheTeamLead() {
        var clock = clock(TICKET, "FIRST_RESPONSE");
        assertEquals(List.of("seed-sla-warning-75 agent-li EMAIL"), whoIsTold(warning(clock, 75, DUE)));
        assertEquals(List.of("seed-sla-warning-90 agent-li EMAIL", "seed-sla-warning-90 lead-wang EMAIL",
                "seed-sla-warning-90 lead-wang CHAT"), whoIsTold(warning(clock, 90, DUE)));
        assertEquals(List.of(), whoIsTold(warning(clock, 50, DUE)));
    }

    @Test
    void aBreachTellsTheDepartmentsSupervisorThroughWhatIsKnownOfTheTicket() {
        var clock = clock(TICKET, "RESOLUTION");
        // SLA events carry no department: without the ticket's, its supervisor cannot be found
        assertEquals(List.of("seed-sla-breached agent-li EMAIL", "seed-sla-breached lead-wang EMAIL",
                "seed-sla-breached lead-wang CHAT"), whoIsTold(breached(clock, DUE)));
        assertEquals(List.of("seed-sla-breached agent-li EMAIL", "seed-sla-breached lead-wang EMAIL",
                        "seed-sla-breached lead-wang CHAT", "seed-sla-breached sup-zhao EMAIL"),
                whoIsTold(breached(clock, DUE), new Cause.KnownTicket("care", "customer-care", "agent-li")));
    }

    @Test
    void someoneNamedByTwoRolesIsToldOnce() {
        TicketFacts own = ticket("care", "lead-wang", "customer-care", Priority.NORMAL);
        assertEquals(List.of("seed-sla-breached lead-wang EMAIL", "seed-sla-breached lead-wang CHAT"),
                whoIsTold(breached(clock(own, "RESOLUTION"), DUE)));
    }

    @Test
    void anEscalationTellsTheOwnersOfTheNewLevelForTheTicketsDepartment() {
        assertEquals(List.of("seed-complaint-escalated sup-zhao EMAIL"), whoIsTold(escalated(TICKET, 2, DUE)));
        // level 3 is owned company-wide (no department)
        assertEquals(List.of("seed-complaint-escalated committee-chen EMAIL"), whoIsTold(escalated(TICKET, 3, DUE)));
        assertEquals(List.of(), whoIsTold(escalated(TICKET, 4, DUE)));
    }

    @Test
    void onlyAnUnsatisfiedSurveyTellsTheTeamLead() {
        assertEquals(List.of("seed-survey-unsatisfied lead-wang EMAIL", "seed-survey-unsatisfied lead-wang CHAT"),
                whoIsTold(survey(TICKET, true)));
        assertEquals(List.of(), whoIsTold(survey(TICKET, false)));
    }

    @Test
    void aDisabledEndpointTellsTheSubscriptionsOwner() {
        var disabled = new WebhookEndpointDisabled(UUID.randomUUID(), "crm-owner", "crm.example", DUE, DUE.plusSeconds(60),
                "503 Service Unavailable");
        assertEquals(List.of("seed-webhook-endpoint-disabled crm-owner EMAIL"), whoIsTold(disabled));
    }

    @Test
    void conditionsNarrowARule() {
        var urgentResolution = new Rule("urgent-resolution", new RuleDefinition(RuleDefinition.SLA_BREACHED, null,
                new RuleDefinition.Conditions(List.of("RESOLUTION"), List.of(Priority.URGENT), null, null, null, null),
                List.of(Role.TEAM_LEAD), List.of(AlertChannel.EMAIL), true));
        var disabled = new Rule("disabled", new RuleDefinition(RuleDefinition.SLA_BREACHED, null, null,
                List.of(Role.ASSIGNEE), List.of(AlertChannel.EMAIL), false));
        TicketFacts urgent = ticket("care", "agent-li", "customer-care", Priority.URGENT);
        Cause resolution = Cause.of(received(breached(clock(urgent, "RESOLUTION"), DUE)), Cause.KnownTicket.NONE);
        Cause firstResponse = Cause.of(received(breached(clock(urgent, "FIRST_RESPONSE"), DUE)), Cause.KnownTicket.NONE);
        Cause high = Cause.of(received(breached(clock(TICKET, "RESOLUTION"), DUE)), Cause.KnownTicket.NONE);
        List<Rule> rules = List.of(urgentResolution, disabled);
        assertEquals(1, AlertMatcher.match(resolution, rules, directory).size());
        assertEquals(0, AlertMatcher.match(firstResponse, rules, directory).size());
        assertEquals(0, AlertMatcher.match(high, rules, directory).size());
    }

    @Test
    void theFactsOfTheMessageComeFromTheEvent() {
        var clock = clock(TICKET, "FIRST_RESPONSE");
        AlertFacts facts = Cause.of(received(warning(clock, 90, DUE)), Cause.KnownTicket.NONE).facts();
        assertEquals(new AlertFacts("sla.warning", TICKET.ticketId().toString(), "HIGH", "FAULT", "FIRST_RESPONSE", 90, DUE,
                null, null, null, null, null, null, null, null, null, null, null, null, null), facts);
    }
}
