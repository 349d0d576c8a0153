package io.pledge.complaint.complaint;

import io.pledge.complaint.complaint.WorkRequests.RegisterRequest;
import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import io.pledge.platform.security.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/complaints")
@Tag(name = "Complaints", description = "Registering and finding complaints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
public class ComplaintResource {

    /** The states a list may be filtered by: an unknown one is a 400 naming them, not a 404. */
    static final String STATES = "REGISTERED|ACKNOWLEDGED|INVESTIGATING|RESOLUTION_PROPOSED|FOLLOW_UP|CLOSED";

    @Inject
    Complaints complaints;

    @Inject
    ComplaintWork work;

    @Inject
    ComplaintViews views;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a complaint for a ticket",
            description = "E.g. a complaint raised on the phone during an inquiry. One complaint per ticket: when the ticket"
                    + " already has one, it is returned (200) and nothing is created, so a retried request (with or"
                    + " without Idempotency-Key) is harmless. Publishes complaint.registered. A ticket whose events have"
                    + " not reached complaint-service yet (a ticket just opened) is no error: the registration waits"
                    + " (202, Location to poll) and is carried out, as asked, when the ticket arrives, if it lies within"
                    + " the caller's scope (otherwise it is dropped). A known ticket outside the caller's scope is"
                    + " answered the same way (202, and dropped at its next event), so ticket ids cannot be probed.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "200", description = "The ticket's existing complaint",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "202", description = "The ticket is not known yet: the registration waits for it",
            content = @Content(schema = @Schema(implementation = ComplaintView.Registration.class)))
    public Response register(@Valid @NotNull RegisterRequest request, @Context UriInfo uri) {
        Complaints.Registering registering = work.register(request);
        if (registering.waiting() != null) {
            // from what this request stored: the ticket's events may have registered it since
            return Response.accepted(waiting(registering.waiting()))
                    .location(uri.getAbsolutePathBuilder().path("registrations").path(request.ticketId().toString()).build())
                    .build();
        }
        Complaints.Registered registered = registering.registered();
        ComplaintView view = views.of(registered.complaint());
        Response.ResponseBuilder response = registered.created()
                ? Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                : Response.ok();
        return response.entity(view).tag(ETags.of(view.version())).build();
    }

    @GET
    @Operation(summary = "List complaints (the supervisor's list)",
            description = "Newest first, filtered; overdue=true: a deadline of the current step has passed. Follow"
                    + " nextCursor for the next page. Only complaints in the caller's scope: agents their teams' tickets',"
                    + " supervisors their departments' tickets' (and teams') and those routed to their departments,"
                    + " integration clients those of tickets their source system opened, admins all.")
    public ComplaintView.Page list(@QueryParam("ticketId") UUID ticketId,
                                   @QueryParam("customerId") @Size(max = 128) String customerId,
                                   @QueryParam("state") @Pattern(regexp = STATES) String state,
                                   @QueryParam("level") @Min(1) @Max(EscalationMatrix.MOST_LEVELS) Integer level,
                                   @QueryParam("department") @Size(max = 128) String department,
                                   @QueryParam("overdue") Boolean overdue,
                                   @QueryParam("cursor") @Size(max = 200) String cursor,
                                   @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Instant now = clock.instant();
        List<Complaint> rows = complaints.list(
                new Complaints.Filter(ticketId, customerId, state == null ? null : ComplaintState.valueOf(state), level,
                        department, overdue), caller.scope(), cursor, limit + 1, now);
        List<ComplaintView> items = rows.stream().limit(limit).map(c -> views.of(c, now)).toList();
        String next = rows.size() > limit
                ? new PageCursor(rows.get(limit - 1).registeredAt, rows.get(limit - 1).id).encode() : null;
        return new ComplaintView.Page(items, next);
    }

    @GET
    @Path("/registrations/{ticketId}")
    @Operation(summary = "Follow a registration", description = "Where a POST that answered 202 stands: WAITING_FOR_TICKET,"
            + " or REGISTERED with the complaint's id and a 303 to it. A complaint outside the caller's scope, a"
            + " waiting registration someone else asked for (unless the caller reaches everything), or one dropped"
            + " because its ticket turned out to be outside the caller's scope, is a 404.")
    @APIResponse(responseCode = "200", description = "Still waiting for the ticket's events",
            content = @Content(schema = @Schema(implementation = ComplaintView.Registration.class)))
    @APIResponse(responseCode = "303", description = "Registered: Location is the complaint",
            content = @Content(schema = @Schema(implementation = ComplaintView.Registration.class)))
    @APIResponse(responseCode = "404", description = "No complaint and no waiting registration for this ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response registration(@PathParam("ticketId") UUID ticketId, @Context UriInfo uri) {
        String notFound = "no complaint and no registration waiting for ticket " + ticketId;
        Optional<Complaint> complaint = complaints.forTicket(ticketId);
        if (complaint.isPresent() && complaints.reaches(complaint.get(), caller.scope())) {
            return Response.seeOther(uri.getBaseUriBuilder().path("api/v1/complaints").path(complaint.get().id.toString()).build())
                    .entity(new ComplaintView.Registration(ticketId, ComplaintView.Registration.REGISTERED, complaint.get().id,
                            complaint.get().registeredAt))
                    .build();
        }
        // Whether the ticket is known is not the caller's to learn: a waiting registration has no
        // scope of its own, so only who asked (or who reaches everything) sees it, and one waiting
        // for a ticket with a complaint outside the caller's scope answers like any other.
        List<RegistrationRequest> waiting = complaints.waitingFor(ticketId);
        Optional<RegistrationRequest> seen = waiting.stream()
                .filter(w -> w.requestedBy.equals(caller.name()) || caller.scope().seesEverything()).findFirst();
        if (seen.isPresent()) {
            return Response.ok(waiting(seen.get())).build();
        }
        if (complaint.isPresent() || !waiting.isEmpty()) {
            caller.require(new Scope.Reach(null, null, null), notFound); // audits the refusal, then the 404
        }
        throw ProblemException.notFound(notFound);
    }

    private static ComplaintView.Registration waiting(RegistrationRequest waiting) {
        return new ComplaintView.Registration(waiting.ticketId, ComplaintView.Registration.WAITING_FOR_TICKET, null,
                waiting.requestedAt);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a complaint")
    @APIResponse(responseCode = "200", description = "The complaint; its ETag is its version",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint (or none in the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        ComplaintView view = views.of(require(id));
        return ETags.ok(view, view.version());
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Who did what when", description = "Every step of the complaint, escalations included, oldest first.")
    @APIResponse(responseCode = "404", description = "No such complaint (or none in the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ComplaintView.Step> history(@PathParam("id") UUID id) {
        require(id);
        return complaints.history(id).stream().map(ComplaintView.Step::of).toList();
    }

    private Complaint require(UUID id) {
        return complaints.reachable(id, caller);
    }

}
