package io.pledge.complaint.complaint;

import io.pledge.complaint.complaint.WorkRequests.AcknowledgeRequest;
import io.pledge.complaint.complaint.WorkRequests.EscalationRequest;
import io.pledge.complaint.complaint.WorkRequests.FollowUpRequest;
import io.pledge.complaint.complaint.WorkRequests.ProposalRequest;
import io.pledge.complaint.complaint.WorkRequests.ReclassifyRequest;
import io.pledge.complaint.complaint.WorkRequests.RejectionRequest;
import io.pledge.complaint.complaint.WorkRequests.RootCauseRequest;
import io.pledge.platform.problem.ETags;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The steps of the complaint procedure, on complaints of tickets in the caller's scope (404
 * outside). Agents take the everyday steps; supervisors and admins also record level contacts,
 * classify and escalate by hand. What the customer said (acceptance, rejection, the follow-up
 * visit's outcome) is recorded by the CRM's integration client or a supervisor or admin, never by
 * an agent nor by the complaint's own handler. Every step takes an optional
 * {@code If-Match} (the complaint's ETag; 412 on mismatch), answers the complaint with its new
 * ETag, and 409 naming the allowed steps when the complaint's state forbids it.
 */
@Path("/api/v1/complaints/{id}")
@Tag(name = "Complaint procedure", description = "Acknowledge, investigate, propose, accept or reject, follow up, close; escalate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
@APIResponse(responseCode = "200", description = "The complaint after the step; its ETag is its version",
        content = @Content(schema = @Schema(implementation = ComplaintView.class)))
@APIResponse(responseCode = "404", description = "No such complaint",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Not allowed in the complaint's state; the detail names what is",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "412", description = "If-Match does not match the complaint's ETag",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ComplaintWorkResource {

    @Inject
    ComplaintWork work;

    @Inject
    ComplaintViews views;

    @Inject
    Caller caller;

    @POST
    @Path("/acknowledgement")
    @Operation(summary = "Acknowledge and route to the responsible department",
            description = "REGISTERED → ACKNOWLEDGED. Publishes complaint.acknowledged. Subject and severity may be"
                    + " set here by supervisors and admins only (they are the classification); an agent naming them"
                    + " is refused.")
    @APIResponse(responseCode = "403", description = "An agent naming subject or severity",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No department named and none known",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response acknowledge(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                @Valid AcknowledgeRequest request) {
        return answer(work.acknowledge(id, IfMatch.version(ifMatch),
                request == null ? new AcknowledgeRequest(null, null, null) : request, actor()));
    }

    @POST
    @Path("/investigation")
    @Operation(summary = "Start investigating", description = "ACKNOWLEDGED → INVESTIGATING. Publishes complaint.investigation-started.")
    public Response startInvestigation(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(work.startInvestigation(id, IfMatch.version(ifMatch), actor()));
    }

    @POST
    @Path("/resolution-proposal")
    @Operation(summary = "Propose a resolution to the customer",
            description = "INVESTIGATING → RESOLUTION_PROPOSED. Publishes complaint.resolution-proposed.")
    public Response propose(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull ProposalRequest request) {
        return answer(work.proposeResolution(id, IfMatch.version(ifMatch), request.proposal(), actor()));
    }

    @POST
    @Path("/acceptance")
    @RolesAllowed({Roles.INTEGRATION, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Record that the customer accepted the resolution",
            description = "RESOLUTION_PROPOSED → FOLLOW_UP; the follow-up visit falls due. Publishes complaint.resolved.")
    @APIResponse(responseCode = "403", description = "An agent, or the complaint's own handler",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(work.recordAcceptance(id, IfMatch.version(ifMatch), actor()));
    }

    @POST
    @Path("/rejection")
    @RolesAllowed({Roles.INTEGRATION, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Record that the customer rejected the resolution",
            description = "RESOLUTION_PROPOSED → INVESTIGATING, one level up (not above the top). Publishes"
                    + " complaint.resolution-rejected and complaint.escalated.")
    @APIResponse(responseCode = "403", description = "An agent, or the complaint's own handler",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reject(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid RejectionRequest request) {
        return answer(work.recordRejection(id, IfMatch.version(ifMatch), request == null ? null : request.reason(),
                actor()));
    }

    @POST
    @Path("/follow-up")
    @RolesAllowed({Roles.INTEGRATION, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Record the follow-up visit (回访)",
            description = "SATISFIED closes the complaint (rootCause and correctiveAction required, here or recorded"
                    + " before); NOT_SATISFIED sends it back to INVESTIGATING one level up. Publishes"
                    + " complaint.follow-up-completed and complaint.closed or complaint.escalated.")
    @APIResponse(responseCode = "422", description = "Closing without root cause or corrective action",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "An agent, or the complaint's own handler",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response followUp(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull FollowUpRequest request) {
        return answer(work.recordFollowUp(id, IfMatch.version(ifMatch), request, actor()));
    }

    @PUT
    @Path("/root-cause")
    @Operation(summary = "Record the root cause and the corrective action", description = "Any time before closing.")
    public Response rootCause(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                              @Valid @NotNull RootCauseRequest request) {
        return answer(work.recordRootCause(id, IfMatch.version(ifMatch), request));
    }

    @POST
    @Path("/contact")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Record that the current level reached the customer",
            description = "Stops the level's contact deadline. Publishes complaint.contacted.")
    public Response contact(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return answer(work.recordContact(id, IfMatch.version(ifMatch), actor()));
    }

    @PUT
    @Path("/classification")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Classify: adjust severity, subject or department (supervisor's classification)",
            description = "The only way severity and subject change after registration. A severity crossing the"
                    + " configured line escalates (once).")
    public Response reclassify(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull ReclassifyRequest request) {
        return answer(work.reclassify(id, IfMatch.version(ifMatch), request, actor()));
    }

    @POST
    @Path("/escalation")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Escalate by hand", description = "One level up, once per level. Publishes complaint.escalated.")
    public Response escalate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull EscalationRequest request) {
        return answer(work.escalate(id, IfMatch.version(ifMatch), request.reason(), actor()));
    }

    private String actor() {
        return caller.name();
    }

    private Response answer(Complaint complaint) {
        ComplaintView view = views.of(complaint);
        return ETags.ok(view, view.version());
    }
}
