package io.pledge.kpi.aggregate;

import io.pledge.kpi.bucket.BucketSize;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.List;
import java.util.Locale;

@Path("/api/v1/kpis")
@Tag(name = "KPIs", description = "KPI time series per dimension and bucket")
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    /** The longest span one request may ask for. */
    static final Duration MAX_SPAN = Duration.ofDays(400);

    @Inject
    KpiStore store;

    @Inject
    Clock clock;

    public record KpiSeries(String metric, String dimension, BucketSize bucket, String timeZone,
                            Instant from, Instant to, List<KpiStore.KpiPoint> points) {
    }

    @GET
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A KPI as a time series",
            description = "Values per bucket (hour, day, week, month in the business time zone) whose start lies in [from, to).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = KpiSeries.class)))
    @APIResponse(responseCode = "400", description = "Invalid query",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public KpiSeries series(
            @QueryParam("metric") @NotBlank @Pattern(regexp = "[a-z0-9._-]{1,64}") String metric,
            @QueryParam("dimension") @DefaultValue("all") String dimension,
            @QueryParam("bucket") @DefaultValue("day") @Pattern(regexp = "(?i)hour|day|week|month") String bucket,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Dimension parsedDimension;
        try {
            parsedDimension = Dimension.parse(dimension);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Instant end = to == null ? clock.instant() : QueryInstants.parse("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : QueryInstants.parse("from", from);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "from must be before to, at most " + MAX_SPAN.toDays() + " days apart");
        }
        BucketSize size = BucketSize.valueOf(bucket.toUpperCase(Locale.ROOT));
        return new KpiSeries(metric, parsedDimension.toString(), size, store.zone().getId(), start, end,
                store.series(metric, parsedDimension, size, start, end));
    }
}
