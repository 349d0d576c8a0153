package io.pledge.survey.template;

import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
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
import java.util.List;

@Path("/api/v1/survey-templates")
@Tag(name = "Survey templates", description = "What a survey asks; the first matching template applies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "400", description = "Invalid template",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TemplateResource {

    @Inject
    Templates templates;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.INTEGRATION})
    @Operation(summary = "The templates, in the order they are tried",
            description = "A page of at most limit templates; follow nextCursor for the next (null on the last page).")
    public Templates.Page list(@QueryParam("cursor") @Size(max = 200) String cursor,
                               @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return templates.page(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT, Roles.INTEGRATION})
    @Operation(summary = "Read a template")
    public Response get(@PathParam("id") String id) {
        return answer(templates.get(id));
    }

    @POST
    @Operation(summary = "Add a template", description = "position: lower is tried first (default: before the catch-all).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Templates.TemplateView.class)))
    public Response create(@QueryParam("position") @Min(0) @Max(100_000) Integer position,
                           @Valid @NotNull TemplateDefinition definition) {
        Templates.TemplateView view = templates.create(position, definition);
        return ETags.created(URI.create("/api/v1/survey-templates/" + view.id()), view, view.version());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a template", description = "Optional If-Match. Surveys already scheduled keep their questions.")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("position") @Min(0) @Max(100_000) Integer position,
                           @Valid @NotNull TemplateDefinition definition) {
        return answer(templates.update(id, IfMatch.version(ifMatch), position, definition));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a template")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        templates.delete(id);
    }

    private static Response answer(Templates.TemplateView view) {
        return ETags.ok(view, view.version());
    }
}
