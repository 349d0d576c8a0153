package io.pledge.complaint.complaint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The bodies of the complaint API's requests. */
public final class WorkRequests {

    /** Registers a complaint for a ticket complaint-service knows. */
    public record RegisterRequest(@NotNull UUID ticketId, Subject subject, Severity severity,
                                  @Size(min = 1, max = 128) String department,
                                  @Size(max = 4000) String description) {
    }

    /** Acknowledges and routes it; the department is required unless the complaint has one. */
    public record AcknowledgeRequest(@Size(min = 1, max = 128) String department, Subject subject, Severity severity) {
    }

    public record ProposalRequest(@NotBlank @Size(max = 4000) String proposal) {
    }

    public record RejectionRequest(@Size(max = 2000) String reason) {
    }

    public enum Outcome { SATISFIED, NOT_SATISFIED }

    /** The follow-up visit's outcome; closing (SATISFIED) needs the root cause, given here or before. */
    public record FollowUpRequest(@NotNull Outcome outcome, @Size(max = 4000) String notes, RootCause rootCause,
                                  @Size(min = 1, max = 4000) String correctiveAction) {
    }

    public record RootCauseRequest(@NotNull RootCause rootCause, @NotBlank @Size(max = 4000) String correctiveAction) {
    }

    /** Adjusts what it is about, how serious it is or who handles it; at least one of them. */
    public record ReclassifyRequest(Severity severity, Subject subject, @Size(min = 1, max = 128) String department) {
    }

    public record EscalationRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private WorkRequests() {
    }
}
