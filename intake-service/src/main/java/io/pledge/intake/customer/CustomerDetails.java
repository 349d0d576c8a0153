package io.pledge.intake.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who the customer is: the CRM's id, and contact data that intake-service keeps encrypted. */
@Schema(name = "Customer")
public record CustomerDetails(
        @NotBlank @Size(max = 128) String externalId,
        @Size(max = 200) String name,
        @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}", message = "must be a phone number") String phone,
        @Size(max = 254) @Email String email,
        @Size(max = 64) String tier) {
}
