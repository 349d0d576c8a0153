package io.pledge.platform.ratelimit;

import io.pledge.platform.PledgeConfig;
import io.pledge.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    /**
     * Takes a token before the resource runs. The identity is already known here (the role check
     * comes first); the bucket is in the database, so on the I/O thread (a non-blocking endpoint
     * such as the KPI stream) the take moves to a worker instead of blocking the event loop.
     */
    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext context) {
        PledgeConfig.RateLimit settings = config.rateLimit();
        if (!settings.enabled()) {
            return Uni.createFrom().nullItem();
        }
        String key;
        String policy;
        PledgeConfig.RateLimit.Limit limit;
        if (identity.isAnonymous()) {
            key = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            policy = "public";
            limit = settings.publicLinks();
        } else {
            Map.Entry<String, PledgeConfig.RateLimit.Limit> role = settings.roles().entrySet().stream()
                    .filter(e -> identity.hasRole(e.getKey()))
                    .max(Comparator.comparingDouble(e -> e.getValue().requests() / (double) e.getValue().per().toNanos()))
                    .orElse(null);
            if (role == null) {
                return Uni.createFrom().nullItem();   // no role with a limit: @RolesAllowed refuses it anyway
            }
            key = identity.getPrincipal().getName();
            policy = role.getKey();
            limit = role.getValue();
        }
        String path = context.getUriInfo().getPath();
        Uni<RateLimits.Decision> decision = Uni.createFrom().item(() -> limits.take(key, policy, limit));
        if (Context.isOnEventLoopThread()) {
            decision = decision.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return decision.map(taken -> {
            context.setProperty(DECISION, taken);
            return taken.allowed() ? null : refusal(taken, path);
        });
    }

    private static Response refusal(RateLimits.Decision decision, String path) {
        Problem problem = new Problem("about:blank", "Too Many Requests", 429,
                "more than " + decision.limit().requests() + " requests in " + decision.limit().per()
                        + " (" + decision.policy() + "); retry after " + decision.retryAfter() + " s",
                path, List.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", Math.max(1, decision.retryAfter()))
                .header("RateLimit-Policy", decision.policyHeader())
                .header("RateLimit", decision.stateHeader())
                .build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimits.Decision decision && decision.allowed()) {
            response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
            response.getHeaders().putSingle("RateLimit", decision.stateHeader());
        }
    }
}
