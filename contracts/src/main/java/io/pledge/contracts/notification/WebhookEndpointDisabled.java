package io.pledge.contracts.notification;

import io.pledge.contracts.PledgeEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code webhook.endpoint-disabled} on {@code pledge.notifications}: a webhook endpoint failed
 * without a single success for too long, and notify-service stopped delivering to it until its
 * owner turns it on again (its deliveries wait).
 *
 * @param ownerRecipientId the staff directory id to tell (the subscription's contact)
 * @param host             the endpoint's host (not its full URL, which may carry a token)
 * @param failingSince     the first failure after the last success
 * @param lastError        what the last attempt met
 */
public record WebhookEndpointDisabled(UUID subscriptionId, String ownerRecipientId, String host, Instant failingSince,
                                      Instant disabledAt, String lastError) implements PledgeEvent {

    @Override
    public String subject() {
        return subscriptionId.toString();
    }
}
