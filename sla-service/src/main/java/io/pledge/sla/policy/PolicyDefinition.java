package io.pledge.sla.policy;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * An SLA policy as operators write it: which tickets it applies to, and what it promises them.
 *
 * @param pauseStatuses ticket statuses that pause the RESOLUTION and PERIODIC_UPDATE clocks (default
 *                      PENDING_CUSTOMER, ON_HOLD)
 * @param onReopen      what reopening a resolved ticket does to its RESOLUTION clock (default RESUME)
 * @param onReclassify  what a priority or category change does to the ticket's running clocks
 *                      (default RETARGET)
 */
@Schema(name = "SlaPolicy")
public record PolicyDefinition(
        @NotBlank @Size(max = 200) String name,
        @Valid Conditions conditions,
        @NotEmpty @Size(max = 10) List<@Valid @NotNull Target> targets,
        Set<TicketStatus> pauseStatuses,
        OnReopen onReopen,
        OnReclassify onReclassify) {

    /** RESUME: the clock goes on from the elapsed time it had; RESTART: a new cycle from zero. */
    public enum OnReopen { RESUME, RESTART }

    /**
     * RETARGET: policies are matched again; running clocks keep their start and take the new
     * policy's target (or are cancelled when it does not time their metric). KEEP: nothing changes.
     */
    public enum OnReclassify { RETARGET, KEEP }

    public OnReopen reopening() {
        return onReopen == null ? OnReopen.RESUME : onReopen;
    }

    public OnReclassify reclassifying() {
        return onReclassify == null ? OnReclassify.RETARGET : onReclassify;
    }

    public static final Set<TicketStatus> DEFAULT_PAUSE_STATUSES = Set.of(TicketStatus.PENDING_CUSTOMER, TicketStatus.ON_HOLD);
    public static final List<Integer> DEFAULT_WARNINGS = List.of(50, 75, 90);

    /** Empty or absent lists match anything; {@code tags} matches a ticket carrying any of them. */
    @Schema(name = "SlaPolicyConditions")
    public record Conditions(Set<Channel> channels, Set<Category> categories, Set<Priority> priorities,
                             @Size(max = 32) Set<@Size(max = 64) String> tags,
                             @Size(max = 32) Set<@Size(max = 64) String> customerTiers) {
    }

    /**
     * One promise: a metric, the business time allowed on a calendar, and the shares of it at which
     * to warn. A custom milestone names the event types that start, stop, pause, resume and cancel it.
     */
    @Schema(name = "SlaTarget")
    public record Target(
            @Schema(description = "FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION, or a custom milestone's name")
            @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{2,63}", message = "must be an upper-case name such as FIRST_RESPONSE")
            String metric,
            @Schema(examples = "PT24H") @NotNull Duration duration,
            @Schema(examples = "workdays") @NotBlank @Size(max = 64) String calendarId,
            @Size(max = 5) List<@NotNull @Min(1) @Max(99) Integer> warningThresholds,
            @Schema(description = "Custom milestones: the event type that starts the clock", examples = "complaint.escalated")
            @Size(max = 64) String startOn,
            @Schema(description = "Custom milestones: event types that stop it") @Size(max = 8) List<@NotBlank String> stopOn,
            @Schema(description = "Custom milestones: event types that pause it") @Size(max = 8) List<@NotBlank String> pauseOn,
            @Schema(description = "Custom milestones: event types that resume it") @Size(max = 8) List<@NotBlank String> resumeOn,
            @Schema(description = "Custom milestones: event types after which the promise no longer applies (the clock is cancelled)",
                    examples = "complaint.escalation-withdrawn")
            @Size(max = 8) List<@NotBlank String> cancelOn) {

        /** The metrics sla-service times from ticket events by itself. */
        public static final Set<String> BUILT_IN = Set.of("FIRST_RESPONSE", "NEXT_RESPONSE", "PERIODIC_UPDATE", "RESOLUTION");

        public boolean isMilestone() {
            return !BUILT_IN.contains(metric);
        }

        public List<String> stops() {
            return stopOn == null ? List.of() : stopOn;
        }

        public List<String> pauses() {
            return pauseOn == null ? List.of() : pauseOn;
        }

        public List<String> resumes() {
            return resumeOn == null ? List.of() : resumeOn;
        }

        public List<String> cancels() {
            return cancelOn == null ? List.of() : cancelOn;
        }

        public List<Integer> warnings() {
            return warningThresholds == null ? DEFAULT_WARNINGS : warningThresholds.stream().sorted().distinct().toList();
        }
    }

    public Set<TicketStatus> pausing() {
        return pauseStatuses == null ? DEFAULT_PAUSE_STATUSES : pauseStatuses;
    }

    /** Whether this policy applies to the ticket. */
    public boolean matches(TicketFacts ticket, Collection<String> tags, String customerTier) {
        if (conditions == null) {
            return true;
        }
        return anyOrContains(conditions.channels(), ticket.channel())
                && anyOrContains(conditions.categories(), ticket.category())
                && anyOrContains(conditions.priorities(), ticket.priority())
                && anyOrContains(conditions.customerTiers(), customerTier)
                && (conditions.tags() == null || conditions.tags().isEmpty()
                || tags.stream().anyMatch(conditions.tags()::contains));
    }

    public Target target(String metric) {
        return targets.stream().filter(t -> t.metric().equals(metric)).findFirst().orElse(null);
    }

    private static <T> boolean anyOrContains(Set<T> allowed, T value) {
        return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }
}
