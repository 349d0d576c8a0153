package io.pledge.intake.call;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The body of {@code POST /api/v1/calls}: exactly one of answeredAt and abandonedAt. */
@Schema(name = "RecordCallRequest")
public record RecordCallRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
        String callId,
        @Size(max = 128) String queue,
        @NotBlank @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}", message = "must be a phone number") String callerNumber,
        @NotNull Instant offeredAt,
        Instant answeredAt,
        Instant abandonedAt,
        Instant endedAt,
        @Schema(description = "The agent who answered, or at whom the call was ringing; a new ticket's agent.")
        @Size(max = 128) String agent,
        @Schema(description = "Attach the answered call to this existing ticket instead of opening a new PHONE ticket.")
        UUID ticketId,
        @Schema(description = "For a new ticket; defaults to INQUIRY.") Category category,
        @Schema(description = "For a new ticket; defaults to NORMAL.") Priority priority,
        @Schema(description = "The team whose queue took the call; a new ticket's team.") @Size(max = 128) String team,
        @Schema(description = "That team's department; a new ticket's department.") @Size(max = 128) String department) {
}
