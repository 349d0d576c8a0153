package io.pledge.intake.customer;

import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "Find customers by phone number or e-mail address (keyed-hash look-up)")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerDirectory customers;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.INTEGRATION, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Find customers by phone or e-mail",
            description = "Exactly one of phone and email. Matching is on a keyed hash of the normalised value; "
                    + "no plaintext contact data is searched or stored. Only customers with a ticket the caller "
                    + "reaches are found; each one shown is written to the audit log (contact-data.decrypted).")
    @Transactional
    public List<CustomerDetails> find(
            @QueryParam("phone") @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}", message = "must be a phone number") String phone,
            @QueryParam("email") @Size(max = 254) @Email String email) {
        if ((phone == null) == (email == null)) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give exactly one of phone and email");
        }
        return customers.find(phone, email, caller.scope()).stream()
                .map(customer -> customers.disclose(customer, "customer " + customer.externalId))
                .toList();
    }
}
