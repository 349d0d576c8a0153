package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.problem.OneOf;
import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.util.UUID;

@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Customer contacts handed over by CRM and phone systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class TicketResource {

    @Inject
    TicketService tickets;

    @POST
    @Operation(summary = "Open a ticket",
            description = "Stores the ticket and publishes ticket.opened. The ticket's source system is the caller's "
                    + "client id (integration) or, for staff, their client id or 'pledge'. A retry with the same "
                    + "Idempotency-Key, or (integration clients) with an externalReference already used in the caller's source "
                    + "system, returns the first result and creates nothing. The answer shows only the contact data the "
                    + "request carried. An integration's customers are its own (customer.externalId within its source "
                    + "system); staff link an existing customer only if they reach one of its tickets, else it is "
                    + "recorded as a new one. Only integration clients change a known customer's contact data or "
                    + "report an earlier openedAt.")
    @APIResponse(responseCode = "201", description = "Opened (or replayed: header Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; an externalReference from a staff caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "An integration token without a client id; staff changing the "
            + "contact data of a customer they reach, or backdating openedAt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key opened a ticket the caller no longer reaches (send a new key)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request; sourceSystem "
            + "not the caller's; openedAt in the future or before the backdating window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(@Valid @NotNull OpenTicketRequest request,
                         @HeaderParam("Idempotency-Key") @Size(min = 1, max = 128)
                         @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
                         String idempotencyKey) {
        TicketService.Opened opened = tickets.open(request, idempotencyKey);
        TicketView ticket = opened.ticket();
        return Response.created(URI.create("/api/v1/tickets/" + ticket.id()))
                .tag(ETags.of(ticket.version()))
                .header("Idempotent-Replayed", opened.replayed())
                .entity(ticket)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a ticket", description = "With the customer's contact data (the decryption is audited) "
            + "and the tracking token. A ticket outside the caller's scope is a 404 like a missing one.")
    @APIResponse(responseCode = "200", description = "The ticket; its ETag is its version",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        TicketView ticket = tickets.find(id);
        return ETags.ok(ticket, ticket.version());
    }

    @GET
    @Operation(summary = "List tickets", description = "Newest first, filtered, only tickets in the caller's scope, "
            + "without contact data; follow nextCursor for the next page.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TicketView.Page.class)))
    public TicketView.Page list(
            @QueryParam("status") @OneOf(TicketStatus.class) String status,
            @QueryParam("channel") @OneOf(Channel.class) String channel,
            @QueryParam("category") @OneOf(Category.class) String category,
            @QueryParam("priority") @OneOf(Priority.class) String priority,
            @QueryParam("team") @Size(max = 128) String team,
            @QueryParam("agent") @Size(max = 128) String agent,
            @QueryParam("customer") @Size(max = 128) String customer,
            @QueryParam("openedFrom") String openedFrom,
            @QueryParam("openedTo") String openedTo,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        TicketService.Filter filter = new TicketService.Filter(
                status == null ? null : TicketStatus.valueOf(status),
                channel == null ? null : Channel.valueOf(channel),
                category == null ? null : Category.valueOf(category),
                priority == null ? null : Priority.valueOf(priority),
                team, agent, customer, QueryInstants.parse("openedFrom", openedFrom), QueryInstants.parse("openedTo", openedTo));
        return tickets.list(filter, cursor, limit);
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "A ticket's timeline", description = "Every event published about the ticket, in order.")
    @APIResponse(responseCode = "404", description = "No such ticket (or outside the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<TicketView.TimelineItem> timeline(@PathParam("id") UUID id) {
        return tickets.timeline(id);
    }

    @GET
    @Path("/{id}/messages")
    @Operation(summary = "A ticket's messages", description = "Oldest first, internal notes included.")
    @APIResponse(responseCode = "404", description = "No such ticket (or outside the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<TicketView.MessageView> messages(@PathParam("id") UUID id) {
        return tickets.messages(id);
    }
}
