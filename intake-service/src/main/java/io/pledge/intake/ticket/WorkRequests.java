package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The bodies of the actions on a ticket. */
public final class WorkRequests {

    private static final String LATE_STATUS_CHANGE = "When it happened, if reported late (UTC): integration clients only "
            + "(staff: within 2 minutes of now, else 403), within the backdating window (default 7 days) and not in "
            + "the future (else 422), not before the ticket entered its current status (statusSince; else 400). "
            + "Defaults to now; a late one's event carries reportedLate: true.";

    @Schema(name = "MessageRequest")
    public record MessageRequest(
            @Schema(description = "CUSTOMER only from integration clients (staff: 403); staff write AGENT messages.")
            @NotNull Message.Author author,
            @Schema(description = "Defaults to PUBLIC; a customer's message is always public.") Message.Visibility visibility,
            @NotBlank @Size(max = 20_000) String body,
            @Schema(description = "The agent who wrote it (agent messages). Integration clients name them; for staff "
                    + "it is the caller (the token's name): omit it, or give that name (another one: 403).")
            @Size(max = 128) String agent,
            @Schema(description = "When it was written, if reported late (UTC): integration clients only (staff: within "
                    + "2 minutes of now, else 403), within the backdating window (default 7 days) and not in the future "
                    + "(else 422), not before the ticket was opened (else 400). Defaults to now; a late one's event "
                    + "carries reportedLate: true.")
            Instant occurredAt) {
    }

    @Schema(name = "AssignmentRequest", description = "At least one of team, agent, department; a new department is a transfer.")
    public record AssignmentRequest(@Size(max = 128) String team, @Size(max = 128) String agent,
                                    @Size(max = 128) String department) {
    }

    @Schema(name = "ClassificationRequest", description = "At least one of priority and category.")
    public record ClassificationRequest(Priority priority, Category category) {
    }

    @Schema(name = "StatusRequest")
    public record StatusRequest(@NotNull TicketStatus status, @Size(max = 500) String reason,
                                @Schema(description = LATE_STATUS_CHANGE) Instant occurredAt) {
    }

    @Schema(name = "ResolutionRequest")
    public record ResolutionRequest(
            @Schema(examples = "FIXED") @NotBlank @Size(max = 64)
            @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and '_'") String resolutionCode,
            @Size(max = 5_000) String summary,
            @Schema(description = LATE_STATUS_CHANGE) Instant occurredAt) {
    }

    @Schema(name = "ReopenRequest")
    public record ReopenRequest(@Size(max = 500) String reason,
                                @Schema(description = LATE_STATUS_CHANGE) Instant occurredAt) {
    }

    @Schema(name = "ClosureRequest", description = "Optional: without a body the ticket closes now.")
    public record ClosureRequest(@Schema(description = LATE_STATUS_CHANGE) Instant occurredAt) {
    }

    private WorkRequests() {
    }
}
