package io.pledge.kpi.snapshot;

import io.pledge.contracts.kpi.KpiSnapshot;
import io.pledge.kpi.catalogue.KpiScope;
import io.pledge.kpi.measure.Dimension;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.Locale;

@Path("/api/v1/kpis/stream")
@Tag(name = "KPIs")
public class KpiStreamResource {

    @Inject
    LiveSnapshots live;

    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Live KPI snapshots (Server-Sent Events)",
            description = "Every kpi.snapshot for the dimension value and bucket size asked, as it is published; the"
                    + " dimension within the caller's scope as for GET /api/v1/kpis (404 outside it, 403 for per-agent"
                    + " figures asked by a dashboard).")
    public Multi<KpiSnapshot> stream(@QueryParam("dimension") @DefaultValue("all") String dimension,
                                     @QueryParam("bucket") @DefaultValue("day") @Pattern(regexp = "(?i)hour|day|week|month") String bucket) {
        Dimension wanted;
        try {
            wanted = Dimension.parse(dimension);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
        // checked once, before the stream opens: every snapshot it carries is of this one dimension value
        KpiScope.require(caller, wanted);
        String dimensionText = wanted.name() + "=" + wanted.value();
        String size = bucket.toUpperCase(Locale.ROOT);
        return live.stream().filter(s -> s.dimension().equals(dimensionText) && s.bucket().equals(size));
    }

}
