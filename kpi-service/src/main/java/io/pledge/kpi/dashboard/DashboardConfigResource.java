package io.pledge.kpi.dashboard;

import io.pledge.kpi.aggregate.KpiConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the supervisor dashboard page reads before it signs in: where the browser reaches
 * sla-service and complaint-service, and when the live stream counts as silent. Open to all
 * because the page loads it before it has a token; it holds no secrets.
 */
@Path("/dashboard/config.json")
public class DashboardConfigResource {

    /** The page's settings; silentAfterSeconds rather than an ISO duration, which JavaScript cannot parse. */
    public record DashboardSettings(String slaUrl, String complaintUrl, long silentAfterSeconds) {
    }

    private final KpiConfig config;

    DashboardConfigResource(KpiConfig config) {
        this.config = config;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public DashboardSettings settings() {
        KpiConfig.Dashboard dashboard = config.dashboard();
        return new DashboardSettings(strip(dashboard.slaUrl()), strip(dashboard.complaintUrl()),
                dashboard.silentAfter().toSeconds());
    }

    /** The page appends paths that begin with a slash. */
    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
