package io.pledge.kpi.catalogue;

import io.pledge.kpi.aggregate.KpiConfig;
import io.pledge.kpi.bucket.BucketSize;
import io.pledge.kpi.measure.Dimension;
import io.pledge.kpi.measure.EventMeasures;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

@Path("/api/v1/kpis")
@Tag(name = "KPIs", description = "KPI time series, the monthly scorecard, and targets")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid query",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Per-agent figures asked for by a caller who is neither supervisor nor admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "A dimension outside the caller's scope (KpiScope): a team or department"
        + " not in the token, or company-wide figures (all, channel, category, priority) for a scoped token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KpiResource {

    /** The longest span one request may ask for. */
    static final Duration MAX_SPAN = Duration.ofDays(400);

    @Inject
    KpiValues values;

    @Inject
    KpiTargets targets;

    @Inject
    BaseValues baseValues;

    @Inject
    KpiConfig config;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    public record KpiSeries(String metric, String unit, String dimension, BucketSize bucket, String timeZone,
                            Instant from, Instant to, List<KpiValues.Point> points) {
    }

    public record ScorecardLine(String metric, String description, String unit, Double value, long samples,
                                Double target, Kpi.Status status) {
    }

    public record Scorecard(String dimension, String month, String timeZone, List<ScorecardLine> kpis) {
    }

    public record TargetRequest(Double target, @NotNull @DecimalMin("0") Double atRiskWithin) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A KPI as a time series",
            description = "Values per bucket (hour, day, week, month in the business time zone) whose start lies in"
                    + " [from, to) (default: the last 7 days), each with its target and status.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = KpiSeries.class)))
    public KpiSeries series(
            @QueryParam("metric") @NotBlank @Pattern(regexp = "[a-z0-9._-]{1,64}") String metric,
            @QueryParam("dimension") @DefaultValue("all") String dimension,
            @QueryParam("bucket") @DefaultValue("day") @Pattern(regexp = "(?i)hour|day|week|month") String bucket,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Kpi kpi = kpi(metric);
        Dimension parsedDimension = dimension(dimension);
        KpiScope.require(caller, parsedDimension);
        Instant end = to == null ? clock.instant() : QueryInstants.parse("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : QueryInstants.parse("from", from);
        checkSpan(start, end);
        BucketSize size = BucketSize.valueOf(bucket.toUpperCase(Locale.ROOT));
        return new KpiSeries(kpi.name(), kpi.unit().label, parsedDimension.toString(), size, config.zone().getId(),
                start, end, values.series(kpi, parsedDimension, size, start, end));
    }

    @GET
    @Path("/scorecard")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The monthly assessment of an agent or a team (or everyone)",
            description = "Every KPI for the month (default: this one, in the business time zone) against its target.")
    public Scorecard scorecard(@QueryParam("agent") @Pattern(regexp = "[^=/]{1,128}") String agent,
                               @QueryParam("team") @Pattern(regexp = "[^=/]{1,128}") String team,
                               @QueryParam("month") @Pattern(regexp = "\\d{4}-\\d{2}") String month) {
        if (agent != null && team != null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give agent or team, not both");
        }
        Dimension dimension = agent != null ? new Dimension("agent", agent)
                : team != null ? new Dimension("team", team) : Dimension.ALL;
        KpiScope.require(caller, dimension);
        YearMonth yearMonth = month(month);
        Instant start = yearMonth.atDay(1).atStartOfDay(config.zone()).toInstant();
        return new Scorecard(dimension.toString(), yearMonth.toString(), config.zone().getId(),
                lines(values.all(dimension, BucketSize.MONTH, start)));
    }

    public record Scorecards(String by, String month, String timeZone, List<Scorecard> scorecards) {
    }

    @GET
    @Path("/scorecards")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The monthly scorecards of every team or agent the caller may see",
            description = "One scorecard (as /scorecard) per value of the dimension that has KPI values and lies in"
                    + " the caller's scope, sorted by value. Per-agent scorecards only for supervisors and admins.")
    public Scorecards scorecards(@QueryParam("by") @NotNull @Pattern(regexp = "team|agent",
                                         message = "by must be team or agent") String by,
                                 @QueryParam("month") @Pattern(regexp = "\\d{4}-\\d{2}") String month) {
        KpiScope.requireIndividuals(caller.scope(), by);
        YearMonth yearMonth = month(month);
        Instant start = yearMonth.atDay(1).atStartOfDay(config.zone()).toInstant();
        List<Dimension> visible = visible(by, baseValues.dimensionValues());
        Map<Dimension, Map<Kpi, KpiValues.Point>> all = values.all(visible, BucketSize.MONTH, start);
        return new Scorecards(by, yearMonth.toString(), config.zone().getId(), visible.stream()
                .map(d -> new Scorecard(d.toString(), yearMonth.toString(), config.zone().getId(), lines(all.get(d))))
                .toList());
    }

    /** The dimension values a caller may choose: {@code all} whether company-wide figures are among them. */
    public record Dimensions(boolean all, List<String> team, List<String> department, List<String> agent,
                             List<String> channel) {
    }

    @GET
    @Path("/dimensions")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The dimension values this caller may see, for a scope selector",
            description = "all: whether company-wide figures (all, channel...) are in the caller's scope. Per dimension,"
                    + " the values that have KPI values and lie in the caller's scope (KpiScope), sorted.")
    public Dimensions dimensions() {
        Map<String, SortedSet<String>> stored = baseValues.dimensionValues();
        return new Dimensions(KpiScope.allows(caller.scope(), Dimension.ALL), names(visible("team", stored)),
                names(visible("department", stored)), names(visible("agent", stored)), names(visible("channel", stored)));
    }

    private List<Dimension> visible(String name, Map<String, SortedSet<String>> stored) {
        return stored.getOrDefault(name, new TreeSet<>()).stream().map(v -> new Dimension(name, v))
                .filter(d -> KpiScope.allows(caller.scope(), d)).toList();
    }

    private static List<String> names(List<Dimension> dimensions) {
        return dimensions.stream().map(Dimension::value).toList();
    }

    private static List<ScorecardLine> lines(Map<Kpi, KpiValues.Point> points) {
        return points.entrySet().stream()
                .map(e -> new ScorecardLine(e.getKey().name(), e.getKey().description(), e.getKey().unit().label,
                        e.getValue().value(), e.getValue().samples(), e.getValue().target(), e.getValue().status()))
                .toList();
    }

    private YearMonth month(String month) {
        try {
            return month == null ? YearMonth.from(clock.instant().atZone(config.zone())) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "month must be YYYY-MM, e.g. 2026-11");
        }
    }

    @GET
    @Path("/current")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every KPI in the current bucket (e.g. today)", description = "What a dashboard shows first;"
            + " /api/v1/kpis/stream then tells each change.")
    public Current current(@QueryParam("dimension") @DefaultValue("all") String dimension,
                           @QueryParam("bucket") @DefaultValue("day") @Pattern(regexp = "(?i)hour|day|week|month") String bucket) {
        Dimension parsedDimension = dimension(dimension);
        KpiScope.require(caller, parsedDimension);
        BucketSize size = BucketSize.valueOf(bucket.toUpperCase(Locale.ROOT));
        Instant start = size.startOf(clock.instant(), config.zone());
        return new Current(parsedDimension.toString(), size, start, config.zone().getId(),
                lines(values.all(parsedDimension, size, start)));
    }

    public record Current(String dimension, BucketSize bucket, Instant bucketStart, String timeZone,
                          List<ScorecardLine> kpis) {
    }

    public record RootCause(String rootCause, long complaints, double share) {
    }

    public record RootCauses(String dimension, Instant from, Instant to, String timeZone, long closedComplaints,
                             List<RootCause> rootCauses) {
    }

    @GET
    @Path("/root-causes")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The most frequent root causes of closed complaints",
            description = "Complaints closed in [from, to) (default: the last 30 days; whole hours) per root cause, as"
                    + " recorded at closing (lower case), most frequent first, with each cause's share in percent.")
    public RootCauses rootCauses(@QueryParam("dimension") @DefaultValue("all") String dimension,
                                 @QueryParam("from") String from,
                                 @QueryParam("to") String to,
                                 @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        Dimension parsedDimension = dimension(dimension);
        KpiScope.require(caller, parsedDimension);
        Instant end = to == null ? clock.instant() : QueryInstants.parse("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : QueryInstants.parse("from", from);
        checkSpan(start, end);
        List<BaseValues.Total> totals = baseValues.largest(EventMeasures.ROOT_CAUSE, parsedDimension, BucketSize.HOUR,
                start, end, limit);
        long closed = totals.isEmpty() ? 0 : totals.get(0).familyTotal();
        return new RootCauses(parsedDimension.toString(), start, end, config.zone().getId(), closed, totals.stream()
                .map(t -> new RootCause(t.metric().substring(EventMeasures.ROOT_CAUSE.length()), t.value(),
                        100.0 * t.value() / closed))
                .toList());
    }

    /** A KPI's definition as the API shows it: what it counts, in words, and what it is judged against. */
    public record KpiDefinition(String id, String name, String numerator, String denominator, String bucket,
                                String unit, String better, Double target, double atRiskWithin) {
    }

    @GET
    @Path("/definitions")
    @Produces({MediaType.APPLICATION_JSON, KpiCsv.MEDIA_TYPE})
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "What every KPI counts",
            description = "Per KPI of the catalogue: its numerator and denominator in words (what is counted: tickets,"
                    + " calls, complaints, survey answers, visits, SLA clocks, each once), the moment whose bucket a case"
                    + " lands in, the unit, which direction is better, and the target (an admin's, else the default)"
                    + " with the band on its wrong side that is still at risk. A count has no denominator.")
    public List<KpiDefinition> definitions() {
        Map<String, KpiTargets.Target> targetOf = new HashMap<>();
        targets.all().forEach(t -> targetOf.put(t.kpi(), t));
        return KpiCatalogue.all().stream().map(kpi -> {
            Kpi.Definition d = kpi.definition();
            KpiTargets.Target target = targetOf.get(kpi.name());
            return new KpiDefinition(kpi.name(), kpi.description(), d.numerator(), d.denominator(), d.bucket(),
                    kpi.unit().label, kpi.better().name(), target.target(), target.atRiskWithin());
        }).toList();
    }

    /** One page of targets, in the catalogue's order; {@code nextCursor} is null on the last page. */
    public record TargetPage(List<KpiTargets.Target> items, String nextCursor) {
    }

    @GET
    @Path("/targets")
    @RolesAllowed({Roles.DASHBOARD, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every KPI with its target", description = "Defaults from blueprint §5 unless an admin set one."
            + " In the catalogue's order, at most limit per page; follow nextCursor for the next page (null on the last).")
    public TargetPage targets(@QueryParam("cursor") @Size(max = 200) String cursor,
                              @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        List<KpiTargets.Target> all = targets.all();
        // the cursor is the name of the previous page's last KPI: names are stable, positions may not be
        KeyCursor after = KeyCursor.parse(cursor, 1);
        int from = after == null ? 0 : positionOf(all, after.key(0)) + 1;
        List<KpiTargets.Target> page = all.subList(from, Math.min(all.size(), from + limit));
        String next = from + limit < all.size() ? KeyCursor.of(page.get(page.size() - 1).kpi()).encode() : null;
        return new TargetPage(page, next);
    }

    @PUT
    @Path("/targets/{metric}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a KPI's target", description = "target null: no target. Optional If-Match (412 when stale)."
            + " Written to the audit log (target.changed).")
    @APIResponse(responseCode = "404", description = "No such KPI",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response setTarget(@PathParam("metric") String metric, @HeaderParam("If-Match") String ifMatch,
                              @Valid @NotNull TargetRequest request) {
        KpiTargets.Target target = targets.set(metric, request.target(), request.atRiskWithin(), IfMatch.version(ifMatch));
        return ETags.ok(target, target.version());
    }

    private static int positionOf(List<KpiTargets.Target> all, String last) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).kpi().equals(last)) {
                return i;
            }
        }
        throw new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
    }

    private static void checkSpan(Instant start, Instant end) {
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "from must be before to, at most " + MAX_SPAN.toDays() + " days apart");
        }
    }

    private static Kpi kpi(String metric) {
        return KpiCatalogue.find(metric).orElseThrow(() -> new ProblemException(Response.Status.BAD_REQUEST,
                "no KPI '" + metric + "'; GET /api/v1/kpis/definitions lists them"));
    }

    private static Dimension dimension(String text) {
        try {
            return Dimension.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }
}
