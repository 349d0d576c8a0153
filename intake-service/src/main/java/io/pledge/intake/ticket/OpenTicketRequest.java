package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.intake.customer.CustomerDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/v1/tickets}. */
@Schema(name = "OpenTicketRequest", description = "A customer contact handed over by a CRM or phone system.")
public record OpenTicketRequest(
        @NotNull Channel channel,
        @NotNull Category category,
        @Schema(description = "Defaults to NORMAL.") Priority priority,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 10_000) String description,
        @NotNull @Valid CustomerDetails customer,
        @Schema(description = "The system reporting the contact, e.g. the CRM's name.", examples = "crm")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be letters, digits, '.', '_' or '-'")
        String sourceSystem,
        @Schema(description = "The CRM's own reference for this contact; unique per source system.")
        @Size(max = 128) String externalReference,
        @Size(max = 32) List<@NotBlank @Size(max = 64) String> tags,
        @Size(max = 128) String team,
        @Size(max = 128) String agent,
        @Size(max = 128) String department,
        @Schema(description = "When the contact happened, if reported after the fact (UTC, never in the future). Defaults to now.")
        Instant openedAt) {
}
