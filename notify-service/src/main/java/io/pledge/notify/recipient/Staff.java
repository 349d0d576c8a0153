package io.pledge.notify.recipient;

import java.net.URI;
import java.time.ZoneId;

/**
 * A person alerts can reach: what the rules and messages need of a {@link Recipient}.
 *
 * @param chatWebhook their chat incoming webhook, or null (e-mail only)
 * @param quietHours  null when they have none
 */
public record Staff(String id, String name, String email, URI chatWebhook, Language language, ZoneId zone,
                    QuietHours quietHours) {

    public boolean hasChat() {
        return chatWebhook != null;
    }
}
