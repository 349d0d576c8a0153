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
            @Schema(description = "The agent who asked for the visit. Integration clients name them; for staff it is "
                    + "the caller: omit it or give that name (another one: 403).") @Size(max = 128) String requestedBy,
            @Schema(description = "When it was requested, if reported late (UTC): integration clients only (staff: within 2 minutes of now, else 403), within the backdating window (default 7 days) "
                    + "and not in the future (else 422), "
                    + "not before the ticket was opened (else 400). Defaults to now; late: reportedLate in the event.")
            Instant occurredAt) {
    }

    @Schema(name = "OnSiteDispatchRequest")
    public record DispatchRequest(
            @Schema(description = "Who goes.") @NotBlank @Size(max = 128) String technician,
            @Schema(description = "When the technician was sent, if reported late (UTC): integration clients only (staff: within 2 minutes of now, else 403), within the backdating window (default 7 days) "
                    + "and not in the future (else 422), "
                    + "not before the visit was requested (else 400). Defaults to now; late: reportedLate in the event.")
            Instant occurredAt) {
    }

    @Schema(name = "OnSiteCompletionRequest")
    public record CompletionRequest(
            @Schema(description = "What the technician did and found.") @NotBlank @Size(max = 2_000) String outcome,
            @Schema(description = "When the visit ended, if reported late (UTC): integration clients only (staff: within 2 minutes of now, else 403), within the backdating window (default 7 days) "
                    + "and not in the future (else 422), "
                    + "not before the technician was dispatched (else 400). Defaults to now; late: reportedLate in the event.")
            Instant occurredAt) {
    }

    private VisitRequests() {
    }
}
