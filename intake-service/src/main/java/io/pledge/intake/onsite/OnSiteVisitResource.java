package io.pledge.intake.onsite;

import io.pledge.intake.onsite.VisitRequests.CompletionRequest;
import io.pledge.intake.onsite.VisitRequests.DispatchRequest;
import io.pledge.intake.onsite.VisitRequests.VisitRequest;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.List;
import java.util.UUID;

/**
 * A ticket's on-site visits. Every step is an action on the ticket: optional {@code If-Match} with
 * the ticket's ETag (412 on mismatch), and the ticket's version goes up; 409 names the step that is
 * allowed when the visit or the ticket forbids this one.
 */
@Path("/api/v1/tickets/{id}/on-site-visits")
@Tag(name = "On-site visits", description = "A technician sent to the customer: request, dispatch, completion")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
@APIResponse(responseCode = "404", description = "No such ticket (or one outside the caller's scope), or no such visit of it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "A staff caller backdating a step or naming another agent as requestedBy",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "422", description = "occurredAt in the future or before the backdating window (default 7 days)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OnSiteVisitResource {

    @Inject
    OnSiteVisits visits;

    @Inject
    SecurityIdentity caller;

    @POST
    @Operation(summary = "Request an on-site visit",
            description = "For a ticket being worked on (OPEN, PENDING_CUSTOMER, ON_HOLD) with no visit under way. "
                    + "Publishes ticket.on-site-requested. A retry with the same Idempotency-Key returns the first visit.")
    @APIResponse(responseCode = "201", description = "Requested (or replayed: header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = VisitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before the ticket was opened",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The ticket is resolved or closed, or has a visit under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the ticket's ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request; occurredAt in "
            + "the future or before the backdating window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response request(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 128)
                            @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
                            String idempotencyKey,
                            @Valid @NotNull VisitRequest request) {
        OnSiteVisits.Requested requested = visits.request(id, IfMatch.version(ifMatch), caller.getPrincipal().getName(),
                idempotencyKey, request);
        VisitView visit = requested.visit();
        return Response.created(URI.create("/api/v1/tickets/" + id + "/on-site-visits/" + visit.id()))
                .header("Idempotent-Replayed", requested.replayed())
                .entity(visit)
                .build();
    }

    @GET
    @Operation(summary = "A ticket's on-site visits", description = "In the order they were requested.")
    public List<VisitView> list(@PathParam("id") UUID id) {
        return visits.list(id);
    }

    @GET
    @Path("/{visitId}")
    @Operation(summary = "Read an on-site visit")
    public VisitView get(@PathParam("id") UUID id, @PathParam("visitId") UUID visitId) {
        return visits.find(id, visitId);
    }

    @POST
    @Path("/{visitId}/dispatch")
    @Operation(summary = "Dispatch a technician", description = "Only for a REQUESTED visit. Publishes ticket.on-site-dispatched.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VisitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before the request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The visit is not REQUESTED (the detail names its next step), or the ticket is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the ticket's ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VisitView dispatch(@PathParam("id") UUID id, @PathParam("visitId") UUID visitId,
                              @HeaderParam("If-Match") String ifMatch, @Valid @NotNull DispatchRequest request) {
        return visits.dispatch(id, visitId, IfMatch.version(ifMatch), request);
    }

    @POST
    @Path("/{visitId}/completion")
    @Operation(summary = "Complete the visit", description = "Only for a DISPATCHED visit. Publishes ticket.on-site-completed.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VisitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input, or occurredAt before the dispatch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The visit is not DISPATCHED (the detail names its next step), or the ticket is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the ticket's ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VisitView complete(@PathParam("id") UUID id, @PathParam("visitId") UUID visitId,
                              @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CompletionRequest request) {
        return visits.complete(id, visitId, IfMatch.version(ifMatch), request);
    }
}
