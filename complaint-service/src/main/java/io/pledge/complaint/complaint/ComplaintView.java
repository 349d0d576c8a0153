package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A complaint as the API shows it.
 *
 * @param levelName the name of its level in the escalation matrix
 * @param overdue whether a deadline of its current step has passed (acknowledgement, the level's
 *                contact, the follow-up visit)
 * @param allowedActions what may be asked of it now
 * @param version its ETag
 */
public record ComplaintView(UUID id, UUID ticketId, String customerId, ComplaintState state, int level,
                            String levelName, Severity severity, Subject subject, String department, int repeatCount,
                            boolean repeat, Channel channel, Priority priority, String team, String agent,
                            String description, Instant registeredAt, String registeredBy, Instant acknowledgeBy,
                            Instant acknowledgedAt, Instant contactBy, Instant contactedAt, String proposal,
                            Instant resolvedAt, Instant followUpDue, String followUpOutcome, RootCause rootCause,
                            String correctiveAction, Instant closedAt, boolean overdue, List<String> allowedActions,
                            int version) {

    static ComplaintView of(Complaint c, String levelName, Instant now) {
        return new ComplaintView(c.id, c.ticketId, c.customerId, c.state, c.level, levelName, c.severity, c.subject,
                c.department, c.repeatCount, c.repeatCount > 1, c.channel, c.priority, c.team, c.agent, c.description,
                c.registeredAt, c.registeredBy, c.acknowledgeBy, c.acknowledgedAt, c.contactBy, c.contactedAt,
                c.proposal, c.resolvedAt, c.followUpDue, c.followUpOutcome, c.rootCause, c.correctiveAction,
                c.closedAt, c.overdueAt(now),
                ComplaintWorkflow.allowedActions(c.state).stream().map(ComplaintWorkflow.Action::name).toList(),
                c.version);
    }

    /**
     * Where a REST registration stands: waiting for the ticket's events, or registered.
     *
     * @param requestedAt when it was asked for (waiting), or when the complaint was registered
     */
    public record Registration(UUID ticketId, String status, UUID complaintId, Instant requestedAt) {
        public static final String WAITING_FOR_TICKET = "WAITING_FOR_TICKET";
        public static final String REGISTERED = "REGISTERED";
    }

    /** One page of the list; {@code nextCursor} is null on the last page. */
    public record Page(List<ComplaintView> items, String nextCursor) {
    }

    /** One step in a complaint's history. */
    public record Step(String action, ComplaintState fromState, ComplaintState toState, int level, String actor,
                       Instant at, String detail) {

        static Step of(ComplaintStep s) {
            return new Step(s.action, s.fromState, s.toState, s.level, s.actor, s.at, s.detail);
        }
    }
}
