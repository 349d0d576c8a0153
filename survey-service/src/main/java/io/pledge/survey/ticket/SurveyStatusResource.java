package io.pledge.survey.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import io.pledge.survey.invitation.Invitations;
import io.pledge.survey.invitation.Survey;
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

    @GET
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A ticket's survey: invitation state, deadlines and, once answered, the answer")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SurveyStatusView.class)))
    @APIResponse(responseCode = "404", description = "Ticket not known here (unknown, or its events not yet applied)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SurveyStatusView get(@PathParam("ticketId") UUID ticketId) {
        SurveyTicket ticket = tickets.find(ticketId)
                .orElseThrow(() -> ProblemException.notFound("ticket " + ticketId + " is not known to survey-service"));
        Survey s = invitations.forTicket(ticketId).orElse(null);
        if (s == null) {
            return new SurveyStatusView(ticket.ticketId, ticket.channel, ticket.category, ticket.openedAt,
                    "NOT_SCHEDULED", null, null, null, null, null, null, null, null, null, null);
        }
        try {
            return new SurveyStatusView(ticket.ticketId, ticket.channel, ticket.category, ticket.openedAt,
                    s.state.name(), s.id, s.trigger.name(), s.templateId, s.skipReason, s.sendAt, s.sentAt, s.remindedAt,
                    s.expiresAt, s.completedAt, s.answers == null ? null : json.readTree(s.answers));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
