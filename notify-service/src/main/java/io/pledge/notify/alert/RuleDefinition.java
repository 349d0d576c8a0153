package io.pledge.notify.alert;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert rule: which events (a type, and optional conditions on what the event carries) alert
 * whom (roles relative to the event) by which channels. Every condition given must hold; an empty
 * list or an absent value holds for everything.
 *
 * @param enabled a disabled rule alerts nobody (default true)
 */
public record RuleDefinition(@NotBlank @Size(max = 100) String eventType,
                             @Size(max = 500) String description,
                             @Valid Conditions conditions,
                             @NotEmpty @Size(max = 5) List<@NotNull Role> roles,
                             @NotEmpty @Size(max = 2) List<@NotNull AlertChannel> channels,
                             Boolean enabled) {

    /**
     * @param metrics          SLA events: the clock's metric (FIRST_RESPONSE, RESOLUTION, a milestone's name...)
     * @param priorities       the ticket's priority
     * @param categories       the ticket's category
     * @param levels           complaint.escalated: the new level (1–4)
     * @param thresholdPercent sla.warning: the threshold reached (e.g. 75)
     * @param unsatisfied      survey.completed: whether the answer was unsatisfied
     */
    public record Conditions(@Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String> metrics,
                             @Size(max = 4) List<@NotNull Priority> priorities,
                             @Size(max = 20) List<@NotNull Category> categories,
                             @Size(max = 4) List<@NotNull @Min(1) @Max(4) Integer> levels,
                             @Min(1) @Max(100) Integer thresholdPercent,
                             Boolean unsatisfied) {

        public static final Conditions NONE = new Conditions(null, null, null, null, null, null);

        public Conditions {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
            priorities = priorities == null ? List.of() : List.copyOf(priorities);
            categories = categories == null ? List.of() : List.copyOf(categories);
            levels = levels == null ? List.of() : List.copyOf(levels);
        }
    }

    public static final String SLA_WARNING = "sla.warning";
    public static final String SLA_BREACHED = "sla.breached";
    public static final String COMPLAINT_ESCALATED = "complaint.escalated";
    public static final String SURVEY_COMPLETED = "survey.completed";
    public static final String WEBHOOK_ENDPOINT_DISABLED = "webhook.endpoint-disabled";

    /** The event types alerts are written for, and the roles each can name. */
    static final Map<String, Set<Role>> ROLES_BY_TYPE = Map.of(
            SLA_WARNING, Set.of(Role.ASSIGNEE, Role.TEAM_LEAD, Role.DEPARTMENT_SUPERVISOR),
            SLA_BREACHED, Set.of(Role.ASSIGNEE, Role.TEAM_LEAD, Role.DEPARTMENT_SUPERVISOR),
            COMPLAINT_ESCALATED, Set.of(Role.ASSIGNEE, Role.TEAM_LEAD, Role.DEPARTMENT_SUPERVISOR, Role.LEVEL_OWNER),
            SURVEY_COMPLETED, Set.of(Role.ASSIGNEE, Role.TEAM_LEAD, Role.DEPARTMENT_SUPERVISOR),
            WEBHOOK_ENDPOINT_DISABLED, Set.of(Role.SUBSCRIPTION_OWNER));

    public RuleDefinition {
        conditions = conditions == null ? Conditions.NONE : conditions;
        roles = roles == null ? null : roles.stream().distinct().toList();
        channels = channels == null ? null : channels.stream().distinct().toList();
        enabled = enabled == null || enabled;
    }

    /** What annotations cannot say: a type alerts are written for, and conditions and roles that apply to it. */
    public List<String> problems() {
        Set<Role> allowed = ROLES_BY_TYPE.get(eventType);
        if (allowed == null) {
            return List.of("eventType: alerts are written for " + String.join(", ", ROLES_BY_TYPE.keySet().stream().sorted().toList())
                    + ", not '" + eventType + "'");
        }
        List<String> problems = new ArrayList<>();
        for (Role role : roles) {
            if (!allowed.contains(role)) {
                problems.add("roles: " + role + " has no meaning for " + eventType);
            }
        }
        boolean sla = eventType.startsWith("sla.");
        boolean ticket = !eventType.equals(WEBHOOK_ENDPOINT_DISABLED);
        refuse(problems, !conditions.metrics().isEmpty() && !sla, "metrics", "SLA events");
        refuse(problems, !conditions.priorities().isEmpty() && !ticket, "priorities", "events about tickets");
        refuse(problems, !conditions.categories().isEmpty() && !ticket, "categories", "events about tickets");
        refuse(problems, !conditions.levels().isEmpty() && !eventType.equals(COMPLAINT_ESCALATED), "levels", COMPLAINT_ESCALATED);
        refuse(problems, conditions.thresholdPercent() != null && !eventType.equals(SLA_WARNING), "thresholdPercent", SLA_WARNING);
        refuse(problems, conditions.unsatisfied() != null && !eventType.equals(SURVEY_COMPLETED), "unsatisfied", SURVEY_COMPLETED);
        return problems;
    }

    private static void refuse(List<String> problems, boolean given, String condition, String appliesTo) {
        if (given) {
            problems.add("conditions." + condition + ": applies only to " + appliesTo);
        }
    }
}
