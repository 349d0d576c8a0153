package io.pledge.intake.ticket;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Customer contacts handed over by CRM and phone systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {

    @Inject
    TicketService tickets;

    @Inject
    SecurityIdentity caller;

    @POST
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Open a ticket",
            description = "Stores the ticket and publishes ticket.opened. A retry with the same Idempotency-Key, "
                    + "or with the same sourceSystem and externalReference, returns the first result and creates nothing.")
    @APIResponse(responseCode = "201", description = "Opened (or replayed: header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(@Valid @NotNull OpenTicketRequest request,
                         @HeaderParam("Idempotency-Key") @Size(min = 1, max = 128)
                         @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
                         String idempotencyKey) {
        TicketService.Opened opened = tickets.open(request, caller.getPrincipal().getName(), idempotencyKey);
        TicketView ticket = opened.ticket();
        return Response.created(URI.create("/api/v1/tickets/" + ticket.id()))
                .tag(etag(ticket))
                .header("Idempotent-Replayed", opened.replayed())
                .entity(ticket)
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Read a ticket")
    @APIResponse(responseCode = "200", description = "The ticket; its ETag is its version",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        TicketView ticket = tickets.find(id).orElseThrow(() -> ProblemException.notFound("no ticket " + id));
        return Response.ok(ticket).tag(etag(ticket)).build();
    }

    private static EntityTag etag(TicketView ticket) {
        return new EntityTag(Integer.toString(ticket.version()));
    }
}
