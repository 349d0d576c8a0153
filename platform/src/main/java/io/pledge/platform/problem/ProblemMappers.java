package io.pledge.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.pledge.platform.security.Refusals;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every error a Pledge API answers is {@code application/problem+json} (blueprint §6): invalid
 * input is a 4xx with a clear detail; an unexpected failure is a 500 that names an error id to
 * find in the log, and never shows a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Refusals refusals;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status().getStatusCode() == 403) {
            refusals.record("authorization.refused", e.getMessage());
        }
        return respond(e.status().getStatusCode(), e.status().getReasonPhrase(), e.getMessage(), uri, List.of());
    }

    /** No token, or one that is expired, forged, for another audience or too old (proactive auth is off, so it lands here). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        String detail = e instanceof UnauthorizedException
                ? "a bearer token is required (Authorization: Bearer <JWT>)"
                : "the bearer token was refused: expired, not signed by the trusted issuer, for another audience or too old";
        return Response.fromResponse(respond(401, "Unauthorized", detail, uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A valid token whose roles the endpoint does not admit; recorded in the audit log. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        refusals.record("authorization.refused", "role not admitted");
        return respond(403, "Forbidden", "this endpoint does not admit the caller's roles", uri, List.of());
    }

    /**
     * JAX-RS answers 404 when a query parameter cannot be converted ("limit=abc"): that is bad
     * input, a 400; an unknown route or id stays a 404.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (e.getCause() instanceof IllegalArgumentException cause) {
            return respond(400, "Invalid request", "a query or path parameter is malformed: " + firstLine(cause.getMessage()),
                    uri, List.of());
        }
        return respond(404, "Not Found", uri == null ? "no such resource" : "no resource at " + uri.getPath(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message())
                .collect(Collectors.joining("; "));
        return respond(400, "Invalid request", detail, uri, errors);
    }

    /** A body that is not JSON, or JSON of the wrong shape (a string where a number belongs, an unknown enum value). */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = e.getOriginalMessage();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            errors.add(new Problem.FieldError(field, firstLine(detail)));
            detail = field + ": " + firstLine(detail);
        }
        return respond(400, "Unreadable request body", firstLine(detail), uri, errors);
    }

    /** Quarkus ships its own mapper for this subtype (wrong type, unknown enum value, unknown field); ours wins. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** Two callers changed the same thing at once; the loser re-reads and tries again. */
    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, UriInfo uri) {
        return respond(409, "Conflict", "changed concurrently by another request; read it again and retry", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable, uri);   // Quarkus wraps a body that is not JSON (a key given twice, text after it)
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof WebApplicationException web) {
            return web(web, uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri.getPath());
        return respond(500, "Internal Server Error",
                "Unexpected failure; quote error id " + errorId + " to the operators.", uri, List.of());
    }

    private static Response respond(int status, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The offending field as an API user names it: "customer.externalId" for a body property
     * (the path's method and body-parameter names dropped), "limit" for a query parameter.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        List<String> properties = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                properties.add(node.getName());
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getIndex() != null
                    && !properties.isEmpty()) {
                int last = properties.size() - 1;
                properties.set(last, properties.get(last) + "[" + node.getIndex() + "]");
            }
        }
        return properties.isEmpty() ? String.valueOf(parameter) : String.join(".", properties);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
