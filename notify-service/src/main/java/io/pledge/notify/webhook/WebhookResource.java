package io.pledge.notify.webhook;

import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed deliveries of Pledge's events to CRMs and other systems (Standard Webhooks)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
@APIResponse(responseCode = "400", description = "Invalid request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such webhook (or not the caller's)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WebhookResource {

    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final Fanout fanout;

    @Inject
    public WebhookResource(Subscriptions subscriptions, DeliveryLog log, Fanout fanout) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.fanout = fanout;
    }

    @POST
    @Operation(summary = "Subscribe", description = "Answers the subscription with its signing secret, shown only "
            + "here. An integration's subscription receives only the tickets its own source system opened. "
            + "A retry with the same Idempotency-Key answers the first result.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "422", description = "A URL that may not be called, or an unknown event type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
                           @Valid @NotNull SubscriptionRequest request) {
        Subscriptions.Created created = subscriptions.create(request, idempotencyKey);
        return Response.status(created.now() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/webhooks/" + created.view().id()))
                .tag(ETags.of(created.view().version())).entity(created.view()).build();
    }

    @GET
    @Operation(summary = "The caller's subscriptions (an admin's: all), oldest first",
            description = "A page of at most limit; follow nextCursor for the next (null on the last page).")
    public Subscriptions.Page list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                   @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return subscriptions.page(cursor, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a subscription (without its secret)")
    public Response get(@PathParam("id") UUID id) {
        SubscriptionView view = subscriptions.get(id);
        return ETags.ok(view, view.version());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a subscription", description = "Optional If-Match (412 when stale). state ACTIVE "
            + "turns a disabled endpoint on again; its waiting deliveries resume.")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull SubscriptionRequest request) {
        SubscriptionView view = subscriptions.update(id, IfMatch.version(ifMatch), request);
        return ETags.ok(view, view.version());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unsubscribe", description = "Deletes the subscription and its delivery log.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        subscriptions.delete(id);
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Operation(summary = "Rotate the signing secret", description = "Answers the new secret, shown only here. "
            + "Until previousSecretValidUntil every delivery carries a signature by each secret.")
    public SubscriptionView rotate(@PathParam("id") UUID id) {
        return subscriptions.rotateSecret(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The delivery log, newest first", description = "Each delivery with its attempts: status, "
            + "latency, the first kilobyte of the answer, and when it is tried next.")
    public DeliveryLog.Page deliveries(@PathParam("id") UUID id,
                                       @QueryParam("state") @Pattern(regexp = "WAITING|PENDING|SENDING|DELIVERED|FAILED") String state,
                                       @QueryParam("cursor") @Size(max = 20) String cursor,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        subscriptions.require(id);
        return log.page(id, state, DeliveryLog.cursor(cursor), limit);
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with its attempts")
    public DeliveryLog.DeliveryView delivery(@PathParam("id") UUID id, @PathParam("deliveryId") long deliveryId) {
        subscriptions.require(id);
        return log.get(id, deliveryId);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @Operation(summary = "Send a delivery's event again", description = "A new delivery (same webhook-id), beside the old one in the log.")
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = DeliveryLog.DeliveryView.class)))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") long deliveryId) {
        subscriptions.require(id);
        long created = fanout.redeliver(id, deliveryId);
        if (created < 0) {
            throw ProblemException.notFound("no delivery " + deliveryId + " of webhook " + id);
        }
        return Response.accepted(log.get(id, created))
                .location(URI.create("/api/v1/webhooks/" + id + "/deliveries/" + created)).build();
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send again everything the subscription would have matched",
            description = "Every event that happened in [from, to) and matches the subscription's types and filters "
                    + "today, as far back as events are kept (notify.journal-retention).")
    @APIResponse(responseCode = "202", description = "{\"scheduled\": n}")
    public Response replay(@PathParam("id") UUID id, @QueryParam("from") String from, @QueryParam("to") String to) {
        subscriptions.require(id);
        Instant start = QueryInstants.parse("from", from);
        Instant end = QueryInstants.parse("to", to);
        if (start == null || end == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "from and to are required: the window to replay");
        }
        if (!start.isBefore(end)) {
            throw ProblemException.unprocessable("from must be before to");
        }
        return Response.accepted(Map.of("scheduled", fanout.replay(id, start, end))).build();
    }
}
