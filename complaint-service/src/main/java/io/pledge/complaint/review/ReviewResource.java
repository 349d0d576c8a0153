package io.pledge.complaint.review;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.problem.QueryInstants;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.time.Duration;
import java.time.Instant;

@Path("/api/v1/complaints/review")
@Tag(name = "Complaint review", description = "The periodic review (复盘) of frequent problems")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class ReviewResource {

    /** A review spans at most this much: it scans the period's complaints. */
    static final Duration LONGEST = Duration.ofDays(366);

    @Inject
    ComplaintReview review;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Frequent root causes, departments, subjects, repeat complainants and escalations of a period",
            description = "Root causes count the complaints closed in [from, to); the rest the complaints registered in it."
                    + " Only complaints in the caller's scope (a supervisor: those of their departments' and teams'"
                    + " tickets, and those routed to their departments).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ComplaintReview.Review.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or not instants, or the period reversed or over a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplaintReview.Review review(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        Instant from = required("from", fromText);
        Instant to = required("to", toText);
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "from must be before to, and the period at most "
                    + LONGEST.toDays() + " days");
        }
        return review.of(from, to, caller.scope());
    }

    private static Instant required(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, name + " is required (an ISO-8601 instant)");
        }
        return QueryInstants.parse(name, text);
    }
}
