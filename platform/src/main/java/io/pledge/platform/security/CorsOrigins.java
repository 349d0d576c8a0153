package io.pledge.platform.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start with a CORS origin that is not one exact origin ({@code https://host[:port]}):
 * the browser sends the caller's bearer token along, so {@code *}, a regular expression or a
 * typo-shaped value (a path, no scheme) could hand any site's script a supervisor's API. Services
 * that allow another origin (sla's at-risk list, complaint's overdue list for kpi's dashboard) set
 * {@code quarkus.http.cors.origins}; for the others there is nothing to check.
 */
@ApplicationScoped
public class CorsOrigins {

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> origins;

    void check(@Observes StartupEvent event) {
        origins.ifPresent(CorsOrigins::requireExact);
    }

    /** Nothing when every entry is one exact http(s) origin; otherwise IllegalStateException naming it. */
    public static void requireExact(List<String> origins) {
        for (String origin : origins) {
            if (!isExact(origin.strip())) {
                throw new IllegalStateException("quarkus.http.cors.origins (PLEDGE_DASHBOARD_ORIGIN) must name exact"
                        + " origins like https://pledge.example.com, not '" + origin + "': a wildcard or pattern would let"
                        + " any site call this API with its users' tokens");
            }
        }
    }

    private static boolean isExact(String origin) {
        try {
            URI uri = new URI(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().contains("*")
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
