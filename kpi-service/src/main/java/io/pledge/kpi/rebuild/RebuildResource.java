package io.pledge.kpi.rebuild;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/kpis/rebuild")
@Tag(name = "KPIs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RebuildResource {

    @Inject
    Rebuild rebuild;

    @POST
    @Operation(summary = "Rebuild every KPI from the topics",
            description = "Forgets the KPI values and replays pledge.tickets, pledge.sla, pledge.complaints and"
                    + " pledge.surveys from their beginning; GET tells when it is done. Snapshots are re-published as"
                    + " values are rebuilt.")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(schema = @Schema(implementation = Rebuild.Status.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "How the last rebuild is doing", description = "state NEVER_RUN, RUNNING or DONE.")
    public Rebuild.Status status() {
        return rebuild.status();
    }
}
