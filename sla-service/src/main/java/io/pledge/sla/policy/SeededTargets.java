package io.pledge.sla.policy;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Duration;

/**
 * The first-response promises the product ships with (blueprint §5, seeds 002 and 003), all on the
 * round-the-clock calendar {@value #CALENDAR_24X7}. Operator-managed policies replace these.
 */
public final class SeededTargets {

    public static final String CALENDAR_24X7 = "24x7";

    /** A target and the seeded policy it comes from. */
    public record Target(String policyId, Duration duration, String calendarId) {
    }

    /**
     * A phone call is answered within 30 s and a chat within 30 min whatever its priority; other
     * urgent issues get a first response within 1 h; e-mail and general issues within 24 h.
     */
    public static Target firstResponse(Channel channel, Priority priority) {
        if (channel == Channel.PHONE) {
            return new Target("seed-phone-answer", Duration.ofSeconds(30), CALENDAR_24X7);
        }
        if (channel == Channel.CHAT) {
            return new Target("seed-chat-reply", Duration.ofMinutes(30), CALENDAR_24X7);
        }
        if (priority == Priority.URGENT) {
            return new Target("seed-urgent-response", Duration.ofHours(1), CALENDAR_24X7);
        }
        if (channel == Channel.EMAIL) {
            return new Target("seed-email-acknowledgement", Duration.ofHours(24), CALENDAR_24X7);
        }
        return new Target("seed-general-response", Duration.ofHours(24), CALENDAR_24X7);
    }

    private SeededTargets() {
    }
}
