package io.pledge.survey.invitation;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import io.pledge.survey.ticket.SurveyTicket;
import io.pledge.survey.ticket.SurveyTickets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.UncheckedIOException;
import java.util.UUID;

@Path("/api/v1/tickets/{ticketId}/survey")
@Tag(name = "Survey status", description = "Where a ticket stands with satisfaction surveys")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyStatusResource {

    @Inject
    SurveyTickets tickets;

    @Inject
    Invitations invitations;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A ticket's survey: invitation state, deadlines and, once answered, the answer",
            description = "Only for a ticket in the caller's scope (agents: their teams; supervisors: their departments;"
                    + " integration clients: tickets their source system opened; admins: all), otherwise 404. The"
                    + " answer's comment is shown to supervisors and admins only.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SurveyStatusView.class)))
    @APIResponse(responseCode = "404", description = "Ticket not known here (unknown, its events not yet applied, or outside the caller's scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SurveyStatusView get(@PathParam("ticketId") UUID ticketId) {
        String notFound = "ticket " + ticketId + " is not known to survey-service";
        SurveyTicket ticket = tickets.find(ticketId).orElseThrow(() -> ProblemException.notFound(notFound));
        caller.require(ticket.reach(), notFound);
        Survey s = invitations.forTicket(ticketId).orElse(null);
        if (s == null) {
            return new SurveyStatusView(ticket.ticketId, ticket.channel, ticket.category, ticket.openedAt,
                    "NOT_SCHEDULED", null, null, null, null, null, null, null, null, null, null);
        }
        try {
            return new SurveyStatusView(ticket.ticketId, ticket.channel, ticket.category, ticket.openedAt,
                    s.state.name(), s.id, s.trigger.name(), s.templateId, s.skipReason, s.sendAt, s.sentAt, s.remindedAt,
                    s.expiresAt, s.completedAt, s.answers == null ? null : answers(json.readTree(s.answers)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer as this caller may see it: the comment is the customer's own words about the
     * people who served them, for supervisors and admins only (blueprint §6); others get the scores.
     */
    private JsonNode answers(JsonNode recorded) {
        if (!caller.scope().seesIndividuals() && recorded instanceof ObjectNode answer) {
            answer.remove("comment");
        }
        return recorded;
    }
}
