package io.pledge.notify.recipient;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A person of the staff directory as an admin writes it (POST, PUT). Staff data only: a name and
 * a work address, never a customer's.
 *
 * @param id          the agent's or supervisor's id, as in their tokens and in ticket.agent;
 *                    on PUT optional, and if given the path's
 * @param chatWebhook a Slack- or Teams-compatible incoming webhook URL (optional)
 * @param leadsTeams        the teams this person leads (team lead)
 * @param leadsDepartments  the departments this person supervises
 * @param ownsLevels  the complaint escalation levels (1–4) this person owns
 * @param language    en (the default) or zh-CN
 * @param timeZone    IANA time zone: due instants are shown in it, quiet hours are read in it (default UTC)
 * @param quietHours  local start and end, every day; optional
 */
public record RecipientDefinition(
        @Pattern(regexp = "[^\\s/?#%\\\\]{1,200}", message = "1 to 200 characters, no spaces, /, ?, #, % or \\") String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 2000) String chatWebhook,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> leadsTeams,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> leadsDepartments,
        @Size(max = 4) List<@NotNull @Min(1) @Max(4) Integer> ownsLevels,
        @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN") String language,
        @Size(max = 100) String timeZone,
        @Valid Quiet quietHours) {

    public record Quiet(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    public RecipientDefinition {
        leadsTeams = leadsTeams == null ? List.of() : List.copyOf(leadsTeams);
        leadsDepartments = leadsDepartments == null ? List.of() : List.copyOf(leadsDepartments);
        ownsLevels = ownsLevels == null ? List.of() : List.copyOf(ownsLevels);
        language = language == null ? Language.EN.tag() : language;
        timeZone = timeZone == null ? "UTC" : timeZone;
        chatWebhook = chatWebhook == null || chatWebhook.isBlank() ? null : chatWebhook.strip();
    }

    /** What annotations cannot say; empty when nothing is wrong. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            problems.add("timeZone: '" + timeZone + "' is not an IANA time zone (e.g. Asia/Shanghai)");
        }
        if (quietHours != null && quietHours.start().equals(quietHours.end())) {
            problems.add("quietHours: start and end must differ");
        }
        if (chatWebhook != null) {
            try {
                if (!new URI(chatWebhook).isAbsolute()) {
                    problems.add("chatWebhook: must be an absolute URL");
                }
            } catch (URISyntaxException e) {
                problems.add("chatWebhook: not a URL (" + e.getReason() + ")");
            }
        }
        if (ownsLevels.stream().distinct().count() != ownsLevels.size()) {
            problems.add("ownsLevels: a level is named twice");
        }
        return problems;
    }
}
