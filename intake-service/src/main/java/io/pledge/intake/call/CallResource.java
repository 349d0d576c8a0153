package io.pledge.intake.call;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/calls")
@Tag(name = "Calls", description = "Calls reported by the phone system (CTI)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
public class CallResource {

    @Inject
    CallService calls;

    @POST
    @Operation(summary = "Report a call",
            description = "Answered: opens a PHONE ticket (or joins ticketId) whose first response is the answer, and "
                    + "publishes call.answered. Abandoned: publishes call.abandoned. The same call reported again changes nothing. "
                    + "The call and its ticket belong to the caller's source system (its client id). A call whose answer, "
                    + "abandonment or end lies more than 2 minutes ago is reported late: all its events carry "
                    + "reportedLate: true. A joined ticket's answer may not lie before the ticket was opened.")
    @APIResponse(responseCode = "201", description = "Recorded (or replayed: header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; times out of order (answeredAt before offeredAt "
            + "or before the joined ticket was opened, endedAt before the answer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "An integration token without a client id; an admin reporting "
            + "a call answered, abandoned or ended more than 2 minutes ago (only integration clients report late)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A time in the future or before the backdating window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The call was reported before with other details, or its ticket is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@Valid @NotNull RecordCallRequest request) {
        CallService.Recorded recorded = calls.record(request);
        return Response.created(URI.create("/api/v1/calls/" + recorded.call().callId()))
                .header("Idempotent-Replayed", recorded.replayed())
                .entity(recorded.call())
                .build();
    }

    @GET
    @Path("/{callId}")
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Read a call", description = "Only within the caller's scope (else 404, as for a missing call).")
    public CallView get(@PathParam("callId") String callId) {
        return calls.find(callId);
    }
}
