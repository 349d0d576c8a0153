package io.pledge.intake.tracking;

import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.tracking.TicketProgress.LastUpdate;
import io.pledge.intake.tracking.TicketProgress.Progress;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/api/v1/track/{token}")
@Tag(name = "Tracking", description = "The customer's view of a ticket, behind an unguessable expiring link")
@Produces(MediaType.APPLICATION_JSON)
public class TrackingResource {

    /** Status, the last public update and the next promised step — nothing else. */
    public record TrackingView(
            TicketStatus status,
            LastUpdate lastPublicUpdate,
            String nextStep,
            @Schema(description = "When the running SLA clock that falls due first is due (as pledge.sla told); null if none runs.")
            Instant promisedBy,
            @Schema(description = "The metric of that clock (FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION or a milestone); null if none runs.")
            String promisedMetric) {
    }

    @Inject
    TicketProgress progress;

    @GET
    @PermitAll
    @Operation(summary = "Follow a ticket (customer link, no login)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TrackingView.class)))
    @APIResponse(responseCode = "404", description = "Unknown or expired link",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrackingView track(@PathParam("token") String token) {
        Progress p = progress.of(token)
                .orElseThrow(() -> ProblemException.notFound("unknown or expired tracking link"));
        return new TrackingView(p.status(), p.lastPublicUpdate(), nextStep(p.status()),
                p.promise() == null ? null : p.promise().dueAt(),
                p.promise() == null ? null : p.promise().metric());
    }

    static String nextStep(TicketStatus status) {
        return switch (status) {
            case OPEN -> "Our team is working on your request and will reply to you.";
            case PENDING_CUSTOMER -> "We are waiting for your reply.";
            case ON_HOLD -> "Your request is on hold; we will contact you as soon as we can continue.";
            case RESOLVED -> "Your request is resolved. Reply to us if the problem persists.";
            case CLOSED -> "Your request is closed.";
        };
    }
}
