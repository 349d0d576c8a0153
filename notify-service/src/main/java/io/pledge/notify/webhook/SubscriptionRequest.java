package io.pledge.notify.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a subscriber asks for (POST and PUT /api/v1/webhooks). */
public record SubscriptionRequest(
        @Schema(description = "Where deliveries are POSTed; https only in production", example = "https://crm.example.com/pledge/webhooks")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Event types, exactly (ticket.resolved) or a family (ticket.*)", example = "[\"ticket.*\", \"sla.breached\"]")
        @NotEmpty @Size(max = 64) List<@NotBlank @Size(max = 64) String> eventTypes,
        @Schema(description = "Only events of this team") @Size(max = 128) String team,
        @Schema(description = "Only events of this department") @Size(max = 128) String department,
        @Schema(description = "Only events of tickets of this category (INQUIRY, COMPLAINT, ...)") @Size(max = 32) String category,
        @Schema(description = "Only tickets opened by this source system; an integration's own subscriptions always have its own")
        @Size(max = 128) String sourceSystem,
        @Size(max = 500) String description,
        @Schema(description = "true: a later event of a ticket may overtake an earlier one still being retried "
                + "(default false: each ticket's events arrive in the order they happened)")
        Boolean unordered,
        @Schema(description = "The staff directory id told when the endpoint is disabled (default: the caller)")
        @Size(max = 128) String contact,
        @Schema(description = "PUT only: ACTIVE turns a disabled endpoint on again, DISABLED pauses it")
        Subscription.State state) {
}
