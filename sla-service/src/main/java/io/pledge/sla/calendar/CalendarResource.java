package io.pledge.sla.calendar;

import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Roles;
import io.pledge.platform.paging.KeyCursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

@Path("/api/v1/calendars")
@Tag(name = "Business calendars", description = "Opening hours, holidays and special days, and arithmetic on them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
@APIResponse(responseCode = "400", description = "Invalid input",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such calendar",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CalendarResource {

    /** The longest span the arithmetic answers: targets and spans of a year, with room to spare. */
    static final Duration LONGEST = Duration.ofDays(5 * 366);

    public record Due(Instant due) {
    }

    public record Elapsed(long seconds) {
    }

    @Inject
    Calendars calendars;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a calendar", description = "Written to the audit log (calendar.created).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Calendars.CalendarView.class)))
    public Response create(@Valid @NotNull CalendarDefinition definition) {
        Calendars.CalendarView created = calendars.create(definition);
        return ETags.created(URI.create("/api/v1/calendars/" + created.id()), created, created.version());
    }

    @GET
    @Operation(summary = "List calendars", description = "Built-in ones (24x7, workdays) first, then by name; "
            + "at most limit per page, follow nextCursor for the next page (null on the last).")
    public Calendars.Page list(@QueryParam("cursor") @Size(max = 1000) String cursor,
                               @QueryParam("limit") @DefaultValue("" + KeyCursor.DEFAULT_LIMIT) @Min(1)
                               @Max(KeyCursor.MAX_LIMIT) int limit) {
        return calendars.list(KeyCursor.parse(cursor, 3), limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a calendar")
    public Response get(@PathParam("id") String id) {
        Calendars.CalendarView view = calendars.get(id);
        return ETags.ok(view, view.version());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a calendar", description = "Optional If-Match; built-in calendars are read-only (409). "
            + "Written to the audit log (calendar.changed).")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull CalendarDefinition definition) {
        Calendars.CalendarView view = calendars.update(id, IfMatch.version(ifMatch), definition);
        return ETags.ok(view, view.version());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a calendar", description = "Built-in calendars cannot be deleted (409). "
            + "Written to the audit log (calendar.deleted).")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        calendars.delete(id);
    }

    @GET
    @Path("/{id}/due")
    @Operation(summary = "When is it due?",
            description = "The last instant at which the business time elapsed since start has not yet exceeded duration; "
                    + "a target used up exactly at a closing time falls due at the next opening.")
    public Due due(@PathParam("id") String id, @QueryParam("start") @NotBlank String start,
                   @QueryParam("duration") @NotBlank String duration) {
        Instant from = QueryInstants.parse("start", start);
        Duration target;
        try {
            target = Duration.parse(duration);
        } catch (DateTimeParseException e) {
            throw bad("duration must be an ISO-8601 duration, e.g. PT8H or P3D");
        }
        if (target.isNegative() || target.compareTo(LONGEST) > 0) {
            throw bad("duration must be between PT0S and " + LONGEST);
        }
        try {
            return new Due(calendars.calendar(id).due(from, target));
        } catch (IllegalStateException e) {
            throw ProblemException.unprocessable("calendar '" + id + "' does not open again: " + e.getMessage());
        }
    }

    @GET
    @Path("/{id}/elapsed")
    @Operation(summary = "How much business time lies between two instants?")
    public Elapsed elapsed(@PathParam("id") String id, @QueryParam("from") @NotBlank String from,
                           @QueryParam("to") @NotBlank String to) {
        Instant start = QueryInstants.parse("from", from);
        Instant end = QueryInstants.parse("to", to);
        if (end.isBefore(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw bad("to must not be before from, and at most " + LONGEST.toDays() + " days after it");
        }
        return new Elapsed(calendars.calendar(id).elapsed(start, end).toSeconds());
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }
}
