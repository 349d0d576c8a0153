package io.pledge.notify.alert;

import io.pledge.notify.recipient.Directory;
import io.pledge.notify.recipient.Staff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which alerts an event calls for: for every enabled rule of its type whose conditions hold, the
 * people its roles name, once each (someone who is both the assignee and the team lead is told
 * once), on each of the rule's channels they can be reached by (chat only with a chat webhook).
 * Pure: the directory is asked, nothing is written.
 */
public final class AlertMatcher {

    /** One alert to make: by this rule, to this person, on this channel. */
    public record Intent(String ruleId, Staff recipient, AlertChannel channel) {
    }

    public static List<Intent> match(Cause cause, List<Rule> rules, Directory directory) {
        List<Intent> intents = new ArrayList<>();
        for (Rule rule : rules) {
            RuleDefinition definition = rule.definition();
            if (!definition.enabled() || !definition.eventType().equals(cause.type()) || !holds(definition.conditions(), cause)) {
                continue;
            }
            Map<String, Staff> people = new LinkedHashMap<>();
            for (Role role : definition.roles()) {
                for (Staff person : whom(role, cause, directory)) {
                    people.putIfAbsent(person.id(), person);
                }
            }
            for (Staff person : people.values()) {
                for (AlertChannel channel : definition.channels()) {
                    if (channel == AlertChannel.EMAIL || person.hasChat()) {
                        intents.add(new Intent(rule.id(), person, channel));
                    }
                }
            }
        }
        return intents;
    }

    static boolean holds(RuleDefinition.Conditions conditions, Cause cause) {
        AlertFacts facts = cause.facts();
        return among(conditions.metrics(), facts.metric())
                && among(conditions.priorities().stream().map(Enum::name).toList(), facts.priority())
                && among(conditions.categories().stream().map(Enum::name).toList(), facts.category())
                && among(conditions.levels(), facts.level())
                && (conditions.thresholdPercent() == null || conditions.thresholdPercent().equals(facts.thresholdPercent()))
                && (conditions.unsatisfied() == null || conditions.unsatisfied().equals(Objects.requireNonNullElse(facts.unsatisfied(), false)));
    }

    private static <T> boolean among(List<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }

    static List<Staff> whom(Role role, Cause cause, Directory directory) {
        return switch (role) {
            case ASSIGNEE -> cause.agent() == null ? List.of() : directory.byId(cause.agent()).stream().toList();
            case TEAM_LEAD -> cause.team() == null ? List.of() : directory.teamLeads(cause.team());
            case DEPARTMENT_SUPERVISOR -> cause.department() == null ? List.of() : directory.supervisors(cause.department());
            case LEVEL_OWNER -> cause.facts().level() == null ? List.of()
                    : directory.levelOwners(cause.facts().level(), cause.department());
            case SUBSCRIPTION_OWNER -> cause.ownerRecipientId() == null ? List.of()
                    : directory.byId(cause.ownerRecipientId()).stream().toList();
        };
    }

    private AlertMatcher() {
    }
}
