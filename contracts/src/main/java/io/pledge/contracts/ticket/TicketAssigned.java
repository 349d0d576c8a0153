package io.pledge.contracts.ticket;

import java.time.Instant;

/** {@code ticket.assigned}: new team, agent or department; a transfer when the department changed. */
public record TicketAssigned(TicketFacts ticket, String previousTeam, String previousAgent, String previousDepartment,
                             boolean transfer, Instant assignedAt) implements TicketEvent {
}
