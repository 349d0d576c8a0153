package io.pledge.notify.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as the API shows it. The signing secret appears only in the answer that created
 * or rotated it ({@code secret}); never again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String url, List<String> eventTypes, String team, String department,
                               String category, String sourceSystem, String description, boolean unordered,
                               String contact, String ownerClient, Subscription.State state, Instant failingSince,
                               String lastError, Instant disabledAt, Instant previousSecretValidUntil,
                               Instant createdAt, Instant updatedAt, int version, String secret) {

    static SubscriptionView of(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.url, List.copyOf(s.eventTypes), s.team, s.department, s.category,
                s.sourceSystem, s.description, s.unordered, s.contact, s.ownerClient, s.state, s.failingSince,
                s.lastError, s.disabledAt, s.previousSecretUntil, s.createdAt, s.updatedAt, s.version, secret);
    }
}
