package io.pledge.platform.ratelimit;

import io.pledge.platform.PledgeConfig;
import io.pledge.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limits (blueprint §6): per caller (the token's subject) on the APIs, with the allowance of
 * the caller's most generous role, and per client address on the public links, which take no token.
 * Over the limit a request is answered 429 with Retry-After; every answer carries the IETF
 * RateLimit-Policy and RateLimit fields.
 */
public class RateLimitFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    @Inject
    PledgeConfig config;

    @Inject
    RateLimits limits;

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext context) {
        PledgeConfig.RateLimit settings = config.rateLimit();
        if (!settings.enabled()) {
            return Optional.empty();
        }
        RateLimits.Decision decision;
        if (identity.isAnonymous()) {
            String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            decision = limits.take(address, "public", settings.publicLinks());
        } else {
            Map.Entry<String, PledgeConfig.RateLimit.Limit> role = settings.roles().entrySet().stream()
                    .filter(e -> identity.hasRole(e.getKey()))
                    .max(Comparator.comparingDouble(e -> e.getValue().requests() / (double) e.getValue().per().toNanos()))
                    .orElse(null);
            if (role == null) {
                return Optional.empty();   // no role with a limit: @RolesAllowed refuses it anyway
            }
            decision = limits.take(identity.getPrincipal().getName(), role.getKey(), role.getValue());
        }
        context.setProperty(DECISION, decision);
        if (decision.allowed()) {
            return Optional.empty();
        }
        Problem problem = new Problem("about:blank", "Too Many Requests", 429,
                "more than " + decision.limit().requests() + " requests in " + decision.limit().per()
                        + " (" + decision.policy() + "); retry after " + decision.retryAfter() + " s",
                context.getUriInfo().getPath(), java.util.List.of());
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", Math.max(1, decision.retryAfter()))
                .header("RateLimit-Policy", decision.policyHeader())
                .header("RateLimit", decision.stateHeader())
                .build());
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimits.Decision decision && decision.allowed()) {
            response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
            response.getHeaders().putSingle("RateLimit", decision.stateHeader());
        }
    }
}
