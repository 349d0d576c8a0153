package io.pledge.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * problem+json for what the HTTP layer refuses before a resource is chosen (blueprint §6: every
 * 4xx is problem+json): an unknown route (404), a body over the size limit (413), a target too long
 * (414), and NUL characters in the path or a query parameter (400, naming it).
 */
@ApplicationScoped
public class HttpProblems {

    /** Longest request target accepted; Vert.x's own line limit is raised above it so that we answer. */
    static final int MAX_TARGET = 8192;

    void routes(@Observes Router router,
                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        // first of all handlers: a target too long, or a body announced too large, is refused
        // before anything reads it (the body reader's own 413 has no body; a chunked body over
        // the limit still gets that one)
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (context.request().uri().length() > MAX_TARGET) {
                answer(context, 414, "URI Too Long", "the request target is longer than " + MAX_TARGET + " characters");
            } else if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBody.asLongValue()) {
                answer(context, 413, "Content Too Large",
                        "the request body is larger than " + maxBody.asLongValue() + " bytes");
            } else {
                context.next();
            }
        });
        // failures of the HTTP layer itself (the body handler's 413, a malformed request line)
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(context -> {
            int status = context.statusCode();
            if (status == 413) {
                answer(context, 413, "Content Too Large", "the request body is larger than the limit of this API");
            } else if (status >= 400 && status < 500 && !context.response().headWritten()) {
                answer(context, status, "Bad Request", "the request could not be read");
            } else {
                context.next();
            }
        });
        // no route matched at all (JAX-RS passes on paths it does not know)
        router.errorHandler(404, context -> answer(context, 404, "Not Found", "no resource at " + context.request().path()));
    }

    /** NUL in a path segment or a query parameter: 400 naming where (pre-matching, before any conversion). */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNul(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.indexOf('\u0000') >= 0) {
            return Optional.of(problem(400, "Invalid request", "the path must not contain NUL characters (U+0000)", path));
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0
                    || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                return Optional.of(problem(400, "Invalid request", "query parameter "
                        + parameter.getKey().replace('\u0000', '?') + " must not contain NUL characters (U+0000)", path));
            }
        }
        return Optional.empty();
    }

    private static Response problem(int status, String title, String detail, String path) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, path.replace('\u0000', '?'), List.of())).build();
    }

    private static void answer(RoutingContext context, int status, String title, String detail) {
        if (context.response().ended()) {
            return;
        }
        String path = context.request().path() == null ? null : context.request().path().replace('\u0000', '?');
        Problem problem = new Problem("about:blank", title, status, detail,
                path != null && path.length() > 256 ? path.substring(0, 256) : path, List.of());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
