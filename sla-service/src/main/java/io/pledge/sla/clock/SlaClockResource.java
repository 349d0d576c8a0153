package io.pledge.sla.clock;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/tickets/{ticketId}/sla")
@Tag(name = "SLA clocks", description = "The promises being timed for a ticket")
@Produces(MediaType.APPLICATION_JSON)
public class SlaClockResource {

    @Inject
    SlaClocks clocks;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A ticket's SLA clocks",
            description = "Each clock with its policy, target, due instant, business time elapsed and remaining, and state.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SlaClockView.TicketClocks.class)))
    @APIResponse(responseCode = "404", description = "No clock for this ticket (unknown, or its events not yet applied)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SlaClockView.TicketClocks get(@PathParam("ticketId") UUID ticketId) {
        Instant now = clock.instant();
        List<SlaClockView> views = clocks.forTicket(ticketId).stream().map(c -> SlaClockView.of(c, now)).toList();
        if (views.isEmpty()) {
            throw ProblemException.notFound("no SLA clock for ticket " + ticketId);
        }
        return new SlaClockView.TicketClocks(ticketId, views);
    }
}
