package io.pledge.notify.recipient;

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

@Path("/api/v1/recipients")
@Tag(name = "Recipients", description = "The staff directory alerts reach: agents, team leads, supervisors, escalation owners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "400", description = "Invalid recipient",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RecipientResource {

    @Inject
    Recipients recipients;

    @GET
    @Operation(summary = "The directory, by id",
            description = "A page of at most limit people; follow nextCursor for the next (null on the last page).")
    public Recipients.Page list(@QueryParam("cursor") @Size(max = 400) String cursor,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(KeyCursor.MAX_LIMIT) int limit) {
        return recipients.page(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a person of the directory")
    @APIResponse(responseCode = "404", description = "No such person",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return answer(recipients.get(id));
    }

    @POST
    @Operation(summary = "Add a person",
            description = "id is the person's id as their tokens and ticket.agent carry it. A chat webhook must be an "
                    + "address notify-service may call (422 otherwise).")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = RecipientView.class)))
    @APIResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A chat webhook notify-service may not call",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull RecipientDefinition definition) {
        RecipientView view = recipients.create(definition);
        return ETags.created(URI.create("/api/v1/recipients/" + view.id()), view, view.version());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a person's entry", description = "Optional If-Match (412 when stale). Alerts not yet "
            + "sent go to the new address, in the new language and time zone.")
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull RecipientDefinition definition) {
        return answer(recipients.update(id, IfMatch.version(ifMatch), definition));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a person", description = "Their alerts not yet sent are cancelled; those sent stay in the log.")
    @APIResponse(responseCode = "204", description = "Removed")
    public void delete(@PathParam("id") String id) {
        recipients.delete(id);
    }

    private static Response answer(RecipientView view) {
        return ETags.ok(view, view.version());
    }
}
