package io.pledge.sla.policy;

import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import io.pledge.platform.paging.KeyCursor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

@Path("/api/v1/sla-policies")
@Tag(name = "SLA policies", description = "What is promised to which tickets; the first matching policy applies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "400", description = "Invalid policy",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PolicyResource {

    @Inject
    Policies policies;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.INTEGRATION})
    @Operation(summary = "The policies, in the order they are tried",
            description = "At most limit per page; follow nextCursor for the next page (null on the last).")
    public Policies.Page list(@QueryParam("cursor") @Size(max = 1000) String cursor,
                              @QueryParam("limit") @DefaultValue("" + KeyCursor.DEFAULT_LIMIT) @Min(1)
                              @Max(KeyCursor.MAX_LIMIT) int limit) {
        return policies.list(KeyCursor.parse(cursor, 2), limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.INTEGRATION})
    @Operation(summary = "Read a policy")
    public Response get(@PathParam("id") String id) {
        Policies.PolicyView view = policies.get(id);
        return ETags.ok(view, view.version());
    }

    @POST
    @Operation(summary = "Add a policy", description = "position: lower is tried first (default: before the catch-all). "
            + "Written to the audit log (policy.created).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Policies.PolicyView.class)))
    public Response create(@QueryParam("position") @Min(0) @Max(100_000) Integer position,
                           @Valid @NotNull PolicyDefinition definition) {
        Policies.PolicyView view = policies.create(position, definition);
        return ETags.created(URI.create("/api/v1/sla-policies/" + view.id()), view, view.version());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a policy", description = "Optional If-Match. Running clocks keep their start; "
            + "tickets pick the change up when they are next reclassified. Written to the audit log (policy.changed).")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("position") @Min(0) @Max(100_000) Integer position,
                           @Valid @NotNull PolicyDefinition definition) {
        Policies.PolicyView view = policies.update(id, IfMatch.version(ifMatch), position, definition);
        return ETags.ok(view, view.version());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a policy", description = "Written to the audit log (policy.deleted).")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        policies.delete(id);
    }
}
