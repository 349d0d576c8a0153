package io.pledge.survey.customer;

import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

@Path("/api/v1/customers/{customerId}")
@Tag(name = "Survey opt-out", description = "Customers who want no surveys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
public class CustomerResource {

    @Inject
    SurveyCustomers customers;

    @Inject
    Clock clock;

    /** Whether a customer gets surveys. */
    public record OptOutView(String customerId, boolean optedOut, Instant changedAt) {
    }

    @POST
    @Path("/opt-out")
    @Operation(summary = "The customer wants no more surveys", description = "Invitations not yet sent are skipped.")
    public OptOutView optOut(@PathParam("customerId") @Size(min = 1, max = 128) String customerId) {
        return view(customers.setOptedOut(customerId, true, clock.instant()));
    }

    @POST
    @Path("/opt-in")
    @Operation(summary = "The customer accepts surveys again")
    public OptOutView optIn(@PathParam("customerId") @Size(min = 1, max = 128) String customerId) {
        return view(customers.setOptedOut(customerId, false, clock.instant()));
    }

    private static OptOutView view(SurveyCustomer customer) {
        return new OptOutView(customer.customerId, customer.optedOut, customer.changedAt);
    }
}
