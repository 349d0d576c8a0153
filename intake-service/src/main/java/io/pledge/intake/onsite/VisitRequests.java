package io.pledge.intake.onsite;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The bodies of the steps of an on-site visit. */
public final class VisitRequests {

    @Schema(name = "OnSiteVisitRequest")
    public record VisitRequest(
            @Schema(description = "Why a technician has to go, e.g. the fault found on the phone.")
            @NotBlank @Size(max = 2_000) String reason,
            @Schema(description = "The agent who asked for the visit.") @Size(max = 128) String requestedBy,
            @Schema(description = "When it was requested, if reported late (UTC): not in the future, "
                    + "not before the ticket was opened. Defaults to now.")
            Instant occurredAt) {
    }

    @Schema(name = "OnSiteDispatchRequest")
    public record DispatchRequest(
            @Schema(description = "Who goes.") @NotBlank @Size(max = 128) String technician,
            @Schema(description = "When the technician was sent, if reported late (UTC): not in the future, "
                    + "not before the visit was requested. Defaults to now.")
            Instant occurredAt) {
    }

    @Schema(name = "OnSiteCompletionRequest")
    public record CompletionRequest(
            @Schema(description = "What the technician did and found.") @NotBlank @Size(max = 2_000) String outcome,
            @Schema(description = "When the visit ended, if reported late (UTC): not in the future, "
                    + "not before the technician was dispatched. Defaults to now.")
            Instant occurredAt) {
    }

    private VisitRequests() {
    }
}
