package io.pledge.notify.alert;

import io.pledge.platform.paging.KeyCursor;
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

@Path("/api/v1/alert-rules")
@Tag(name = "Alert rules", description = "Which events alert whom, by e-mail or chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "400", description = "Invalid rule",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertRuleResource {

    @Inject
    AlertRules rules;

    @GET
    @Operation(summary = "The rules, by id",
            description = "A page of at most limit rules; follow nextCursor for the next (null on the last page).")
    public AlertRules.Page list(@QueryParam("cursor") @Size(max = 400) String cursor,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(KeyCursor.MAX_LIMIT) int limit) {
        return rules.page(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a rule")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return answer(rules.get(id));
    }

    @POST
    @Operation(summary = "Add a rule", description = "eventType: sla.warning, sla.breached, complaint.escalated, "
            + "survey.completed or webhook.endpoint-disabled; conditions and roles must apply to it (422 otherwise).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = AlertRules.RuleView.class)))
    @APIResponse(responseCode = "422", description = "A condition or role that does not apply to the event type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull RuleDefinition definition) {
        AlertRules.RuleView view = rules.create(definition);
        return ETags.created(URI.create("/api/v1/alert-rules/" + view.id()), view, view.version());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a rule", description = "Optional If-Match (412 when stale). Applies to events "
            + "received from now on; alerts already made are kept.")
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull RuleDefinition definition) {
        return answer(rules.update(id, IfMatch.version(ifMatch), definition));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a rule", description = "Alerts it made stay in the log; to pause a rule, disable it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        rules.delete(id);
    }

    private static Response answer(AlertRules.RuleView view) {
        return ETags.ok(view, view.version());
    }
}
