package io.pledge.survey.answer;

import io.pledge.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer's side: no login ({@code @PermitAll}: every other endpoint requires a token), the
 * link's unguessable token is the key.
 */
@Path("/api/v1/s/{token}")
@Tag(name = "Answering a survey", description = "For customers, through the link of their invitation")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@APIResponse(responseCode = "404", description = "No survey for this link",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Answered already",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "410", description = "Expired",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AnswerResource {

    /** What a token looks like: 43 URL-safe Base64 characters (256 bits); anything else is unknown. */
    static final String TOKEN = "[A-Za-z0-9_-]{43}";

    @Inject
    Answers answers;

    @GET
    @Operation(summary = "The survey's questions")
    public Answers.QuestionsView questions(@PathParam("token") @Pattern(regexp = TOKEN) String token) {
        return answers.questions(token);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the survey (once)", description = "Publishes survey.completed.")
    @APIResponse(responseCode = "200", description = "Recorded; the scores as computed")
    @APIResponse(responseCode = "400", description = "A score out of its range, or an unreadable body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A question the survey asks is unanswered, or one it does not ask is",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Scoring.Score answer(@PathParam("token") @Pattern(regexp = TOKEN) String token,
                                @Valid @NotNull AnswerRequest answer) {
        return answers.answer(token, answer);
    }

    @POST
    @Path("/opt-out")
    @Operation(summary = "The customer wants no more surveys",
            description = "Through the link of any of their invitations (answered or expired too). Invitations not"
                    + " yet sent are skipped. Staff cannot opt a customer out; a CRM relays the customer's wish with"
                    + " POST /api/v1/customers/{customerId}/opt-out.")
    @APIResponse(responseCode = "200", description = "Opted out")
    public Answers.OptedOut optOut(@PathParam("token") @Pattern(regexp = TOKEN) String token) {
        return answers.optOut(token);
    }
}
