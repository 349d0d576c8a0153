package io.pledge.sla.clock;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "SLA clocks", description = "The promises being timed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class SlaClockResource {

    @Inject
    SlaClocks clocks;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @GET
    @Path("/tickets/{ticketId}/sla")
    @Operation(summary = "A ticket's SLA clocks",
            description = "Each clock with its policy, target, due instant, business time elapsed and remaining, pause total and state. "
                    + "Only within the caller's scope (its teams, its departments, an integration's own tickets); "
                    + "outside it the answer is the same 404 as for an unknown ticket.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SlaClockView.TicketClocks.class)))
    @APIResponse(responseCode = "404", description = "No clock for this ticket (unknown, its events not yet applied, or outside the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SlaClockView.TicketClocks get(@PathParam("ticketId") UUID ticketId) {
        String missing = "no SLA clock for ticket " + ticketId;
        SlaTicket known = em.find(SlaTicket.class, ticketId);
        // a clock without its ticket copy cannot be placed: only callers who see everything reach it
        caller.require(known != null ? known.reach() : new Scope.Reach(null, null, null), missing);
        Instant now = clock.instant();
        List<SlaClockView> views = clocks.forTicket(ticketId).stream()
                .map(c -> SlaClockView.of(c, clocks.timeline(c).read(now))).toList();
        if (views.isEmpty()) {
            throw ProblemException.notFound(missing);
        }
        return new SlaClockView.TicketClocks(ticketId, views);
    }

    @GET
    @Path("/sla/at-risk")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The supervisor's queue", description = "Running clocks due within the given time (overdue ones first), "
            + "soonest first, of the tickets in the caller's scope (its teams; a supervisor's departments too; admins all).")
    public List<SlaClockView> atRisk(@QueryParam("within") @DefaultValue("PT1H") String within,
                                     @QueryParam("team") @Size(max = 128) String team,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Duration horizon;
        try {
            horizon = Duration.parse(within);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "within must be an ISO-8601 duration, e.g. PT1H");
        }
        if (horizon.isNegative() || horizon.compareTo(Duration.ofDays(31)) > 0) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "within must be between PT0S and P31D");
        }
        Instant now = clock.instant();
        Map<String, Object> parameters = new HashMap<>();
        String inScope = ScopeCondition.of(caller.scope(), "t", parameters);
        var query = em.createQuery("""
                        select c from SlaClock c left join SlaTicket t on t.ticketId = c.ticketId
                        where c.dueAt is not null and c.dueAt <= :horizon and c.stoppedAt is null
                          and c.state in (io.pledge.sla.clock.SlaClockState.RUNNING, io.pledge.sla.clock.SlaClockState.BREACHED)
                          and (:team is null or c.team = :team)
                          and %s
                        order by c.dueAt""".formatted(inScope), SlaClock.class)
                .setParameter("horizon", now.plus(horizon))
                .setParameter("team", team)
                .setMaxResults(limit);
        parameters.forEach(query::setParameter);
        return query.getResultList().stream()
                .map(c -> SlaClockView.of(c, clocks.timeline(c).read(now)))
                .toList();
    }
}
