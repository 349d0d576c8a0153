package io.pledge.complaint.complaint;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/complaints")
@Tag(name = "Complaints", description = "Complaints and their way through the complaint procedure")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATION})
public class ComplaintResource {

    @Inject
    Complaints complaints;

    @GET
    @Operation(summary = "List complaints", description = "Newest first; filter by ticket and state.")
    public List<ComplaintView> list(@QueryParam("ticketId") UUID ticketId,
                                    @QueryParam("state") ComplaintState state,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return complaints.list(ticketId, state, limit).stream().map(ComplaintView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a complaint")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "404", description = "No such complaint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplaintView get(@PathParam("id") UUID id) {
        return complaints.find(id).map(ComplaintView::of)
                .orElseThrow(() -> ProblemException.notFound("no complaint " + id));
    }
}
