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
        @Schema(deprecated = true, description = "Deprecated, checked: the source system is the caller's client id "
                + "(token claim azp), 'pledge' for staff without one. Omit it; when sent it must equal that (else 422).",
                examples = "crm")
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be letters, digits, '.', '_' or '-'")
        String sourceSystem,
        @Schema(description = "The CRM's own reference for this contact; unique per source system (a retry with "
                + "it returns the caller's source system's ticket). Integration clients only: from staff a 400.")
        @Size(max = 128) String externalReference,
        @Size(max = 32) List<@NotBlank @Size(max = 64) String> tags,
        @Schema(description = "Defaults, for an agent or supervisor whose token names exactly one team, to that team "
                + "(so the ticket stays in their scope).")
        @Size(max = 128) String team,
        @Size(max = 128) String agent,
        @Size(max = 128) String department,
        @Schema(description = "When the contact happened, if reported after the fact (UTC). Defaults to now. Only "
                + "integration clients may give an earlier time (staff: 403), within the backdating window (default "
                + "7 days; earlier or in the future: 422); the ticket.opened event then carries reportedLate: true.")
        Instant openedAt) {

    /** This request for {@code team}. */
    public OpenTicketRequest withTeam(String team) {
        return new OpenTicketRequest(channel, category, priority, subject, description, customer, sourceSystem,
                externalReference, tags, team, agent, department, openedAt);
    }
}
