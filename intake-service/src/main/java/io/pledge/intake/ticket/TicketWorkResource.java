package io.pledge.intake.ticket;

import io.pledge.intake.ticket.WorkRequests.AssignmentRequest;
import io.pledge.intake.ticket.WorkRequests.ClassificationRequest;
import io.pledge.intake.ticket.WorkRequests.ClosureRequest;
import io.pledge.intake.ticket.WorkRequests.MessageRequest;
import io.pledge.intake.ticket.WorkRequests.ReopenRequest;
import io.pledge.intake.ticket.WorkRequests.ResolutionRequest;
import io.pledge.intake.ticket.WorkRequests.StatusRequest;
import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import java.util.UUID;

/**
 * The work on a ticket. Every action takes an optional {@code If-Match} (the ticket's ETag; 412 on
 * mismatch; required to reclassify) and answers 409 naming the allowed actions when the ticket's
 * status forbids it. The answers carry no contact data (GET the ticket for it). Only a caller who
 * reaches the ticket acts on it; staff act as themselves and now (see TicketWork).
 */
@Path("/api/v1/tickets/{id}")
@Tag(name = "Ticket work", description = "Messages, assignment, reclassification, status, resolution, reopening, closure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
@APIResponse(responseCode = "404", description = "No such ticket, or one outside the caller's scope (the same answer)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A staff caller backdating (occurredAt more than 2 minutes ago), or "
        + "writing as the customer or as another agent: only integration clients report those",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "occurredAt in the future or before the backdating window (default 7 days)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Not allowed in the ticket's status; the detail names what is",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "412", description = "If-Match does not match the ticket's ETag",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TicketWorkResource {

    @Inject
    TicketWork work;

    @POST
    @Path("/messages")
    @Operation(summary = "Add a message",
            description = "The first public agent message publishes ticket.first-response, later ones ticket.agent-replied; "
                    + "a customer's message publishes ticket.customer-replied and reopens a resolved ticket.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = TicketView.MessageView.class)))
    public Response addMessage(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull MessageRequest request) {
        TicketView.MessageView message = work.addMessage(id, IfMatch.version(ifMatch), request);
        return Response.status(Response.Status.CREATED).entity(message).build();
    }

    @PUT
    @Path("/assignment")
    @Operation(summary = "Assign or transfer", description = "Publishes ticket.assigned (transfer: true when the department changes).")
    public Response assign(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull AssignmentRequest request) {
        return answer(work.assign(id, IfMatch.version(ifMatch), request));
    }

    @PUT
    @Path("/classification")
    @Operation(summary = "Reclassify priority or category", description = "Requires If-Match. Publishes ticket.reclassified.")
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reclassify(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull ClassificationRequest request) {
        return answer(work.reclassify(id, IfMatch.version(ifMatch), request));
    }

    @POST
    @Path("/status")
    @Operation(summary = "Change the working status", description = "Between OPEN, PENDING_CUSTOMER and ON_HOLD. "
            + "Publishes ticket.status-changed, at occurredAt when reported late.")
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before statusSince",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @Valid @NotNull StatusRequest request) {
        return answer(work.changeStatus(id, IfMatch.version(ifMatch), request));
    }

    @POST
    @Path("/resolution")
    @Operation(summary = "Resolve", description = "Publishes ticket.resolved, at occurredAt when reported late.")
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before statusSince",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resolve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull ResolutionRequest request) {
        return answer(work.resolve(id, IfMatch.version(ifMatch), request));
    }

    @POST
    @Path("/reopening")
    @Operation(summary = "Reopen a resolved ticket", description = "Publishes ticket.reopened, at occurredAt when reported late.")
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before statusSince",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid ReopenRequest request) {
        return answer(work.reopen(id, IfMatch.version(ifMatch), request == null ? new ReopenRequest(null, null) : request));
    }

    @POST
    @Path("/closure")
    @Operation(summary = "Close a resolved ticket for good", description = "Publishes ticket.closed, at occurredAt when reported late.")
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before statusSince",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                          @Valid ClosureRequest request) {
        return answer(work.close(id, IfMatch.version(ifMatch), request == null ? new ClosureRequest(null) : request));
    }

    private static Response answer(TicketView ticket) {
        return ETags.ok(ticket, ticket.version());
    }
}
