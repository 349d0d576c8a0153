package io.pledge.notify.recipient;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A person of the staff directory as the API shows them; the ETag is {@code version}. */
public record RecipientView(String id, String name, String email, String chatWebhook, List<String> leadsTeams,
                            List<String> leadsDepartments, List<Integer> ownsLevels, String language,
                            String timeZone, RecipientDefinition.Quiet quietHours, int version, Instant createdAt,
                            Instant updatedAt) {

    static RecipientView of(Recipient r) {
        return new RecipientView(r.id, r.name, r.email, r.chatWebhook, List.of(r.leadsTeams),
                List.of(r.leadsDepartments), Arrays.asList(r.ownsLevels), r.language, r.timeZone,
                r.quietStart == null ? null : new RecipientDefinition.Quiet(r.quietStart, r.quietEnd), r.version,
                r.createdAt, r.updatedAt);
    }
}
