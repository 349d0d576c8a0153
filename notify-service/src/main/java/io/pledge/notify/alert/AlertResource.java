package io.pledge.notify.alert;

import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "What was sent to whom, when, and why")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid query",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertResource {

    @Inject
    AlertLog log;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "The alerts, newest first",
            description = "Admins see every alert; supervisors those about tickets of their teams and departments. "
                    + "A page of at most limit; follow nextCursor for the next (null on the last page).")
    public AlertLog.Page list(@QueryParam("recipient") @Size(max = 200) String recipient,
                              @QueryParam("ticketId") @Size(max = 200) String ticketId,
                              @QueryParam("cursor") @Size(max = 400) String cursor,
                              @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(KeyCursor.MAX_LIMIT) int limit) {
        return log.page(caller.scope(), blankToNull(recipient), blankToNull(ticketId), blankToNull(cursor), limit);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
