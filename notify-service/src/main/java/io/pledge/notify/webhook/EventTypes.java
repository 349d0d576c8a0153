package io.pledge.notify.webhook;

import io.pledge.contracts.EventType;
import io.pledge.contracts.Topics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event types a webhook may ask for: those of the ticket, SLA, complaint and survey topics,
 * by exact name or a family's wildcard ({@code ticket.*}, {@code sla.*}...). The survey links are
 * delivered inside {@code survey.sent} and {@code survey.reminded}, never on their own.
 */
final class EventTypes {

    private static final Set<String> TOPICS = Set.of(Topics.TICKETS, Topics.SLA, Topics.COMPLAINTS, Topics.SURVEYS);

    static final Set<String> SUBSCRIBABLE = Arrays.stream(EventType.values())
            .filter(t -> TOPICS.contains(t.topic()))
            .map(EventType::type)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> FAMILIES = SUBSCRIBABLE.stream()
            .map(t -> t.substring(0, t.indexOf('.')) + ".*")
            .collect(Collectors.toUnmodifiableSet());

    /** The requested names that are neither a subscribable type nor a family's wildcard. */
    static List<String> unknown(List<String> requested) {
        return requested.stream().filter(t -> !SUBSCRIBABLE.contains(t) && !FAMILIES.contains(t)).toList();
    }

    private EventTypes() {
    }
}
