package io.pledge.survey.customer;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import io.pledge.platform.security.Scope;
import io.pledge.survey.ticket.SurveyTickets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
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

import java.time.Clock;
import java.time.Instant;

@Path("/api/v1/customers/{customerId}")
@Tag(name = "Survey opt-out", description = "Customers who want no surveys")
@Produces(MediaType.APPLICATION_JSON)
/**
 * Whether a customer gets surveys is the customer's own choice: it is changed by the CRM's
 * integration client relaying it (or by the customer through their survey link, {@code AnswerResource}),
 * never by staff. A CRM reaches a customer through the tickets its system opened.
 */
@RolesAllowed(Roles.INTEGRATION)
@APIResponse(responseCode = "403", description = "Not an integration client (staff do not decide for the customer)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No ticket of this customer in the caller's scope",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CustomerResource {

    @Inject
    SurveyCustomers customers;

    @Inject
    Clock clock;

    @Inject
    SurveyTickets tickets;

    @Inject
    Caller caller;

    /** Whether a customer gets surveys. */
    public record OptOutView(String customerId, boolean optedOut, Instant changedAt) {
    }

    @POST
    @Path("/opt-out")
    @Operation(summary = "The customer wants no more surveys", description = "Invitations not yet sent are skipped.")
    public OptOutView optOut(@PathParam("customerId") @Size(min = 1, max = 128) String customerId) {
        requireReach(customerId);
        return view(customers.setOptedOut(customerId, true, clock.instant()));
    }

    @POST
    @Path("/opt-in")
    @Operation(summary = "The customer accepts surveys again")
    public OptOutView optIn(@PathParam("customerId") @Size(min = 1, max = 128) String customerId) {
        requireReach(customerId);
        return view(customers.setOptedOut(customerId, false, clock.instant()));
    }

    /** A customer is reached through their tickets: unknown and out of scope answer alike. */
    private void requireReach(String customerId) {
        if (!tickets.reachesCustomer(caller.scope(), customerId)) {
            caller.require(new Scope.Reach(null, null, null), "no ticket of customer " + customerId + " in your scope");
        }
    }

    private static OptOutView view(SurveyCustomer customer) {
        return new OptOutView(customer.customerId, customer.optedOut, customer.changedAt);
    }
}
