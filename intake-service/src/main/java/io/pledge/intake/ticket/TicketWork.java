package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.AgentReplied;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.CustomerReplied;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketAssigned;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.contracts.ticket.TicketStatusChanged;
import io.pledge.intake.ticket.TicketLifecycle.Action;
import io.pledge.intake.ticket.WorkRequests.AssignmentRequest;
import io.pledge.intake.ticket.WorkRequests.ClassificationRequest;
import io.pledge.intake.ticket.WorkRequests.ClosureRequest;
import io.pledge.intake.ticket.WorkRequests.MessageRequest;
import io.pledge.intake.ticket.WorkRequests.ReopenRequest;
import io.pledge.intake.ticket.WorkRequests.ResolutionRequest;
import io.pledge.intake.ticket.WorkRequests.StatusRequest;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.ReportedTime;
import io.pledge.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What agents, CRMs and customers do to a ticket. Each action checks the ticket's version when the
 * caller sent {@code If-Match}, checks the lifecycle, changes the ticket and publishes its event,
 * all in one transaction. Only a caller who reaches the ticket acts on it (others get its 404). Staff
 * act as themselves and now; only an integration reports a customer's message, another agent's, or
 * a fact that happened earlier (then flagged reportedLate in its event).
 */
@ApplicationScoped
public class TicketWork {

    @Inject
    EntityManager em;

    @Inject
    TicketService tickets;

    @Inject
    TicketEvents events;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    ReportedTimes times;

    /**
     * @throws ProblemException 403 when a staff caller posts a customer's message, another agent's or
     *                          an earlier one; 422 for a time in the future or before the backdating window
     */
    @Transactional
    public TicketView.MessageView addMessage(UUID id, Integer ifMatch, MessageRequest request) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.MESSAGE);
        Message.Visibility visibility = request.visibility() == null ? Message.Visibility.PUBLIC : request.visibility();
        if (request.author() == Message.Author.CUSTOMER && visibility == Message.Visibility.INTERNAL) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a customer's message cannot be internal");
        }
        String agent = authorOf(request);
        ReportedTime written = times.step("occurredAt", request.occurredAt(), ticket.opening());
        Instant at = written.at();

        Message message = new Message();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.author = request.author();
        message.visibility = visibility;
        message.body = request.body();
        message.agent = agent;
        message.occurredAt = at;
        message.createdAt = clock.instant();
        em.persist(message);

        if (request.author() == Message.Author.CUSTOMER) {
            customerWrote(ticket, message, written);
        } else if (visibility == Message.Visibility.PUBLIC) {
            agentReplied(ticket, message, written);
        }
        // internal notes are for colleagues: no event, nothing the customer or the SLA sees
        em.flush();
        return TicketView.MessageView.of(message);
    }

    /**
     * The earliest public agent reply is the first response. A reply reported late, earlier than
     * the one announced, is announced as first response again; consumers keep the earliest.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirstResponse(Ticket ticket, UUID messageId, String by, ReportedTime answered) {
        Instant at = answered.at();
        ticket.firstResponseAt = at;
        events.publish(new FirstResponse(ticket.facts(), messageId, by, at, ticket.openedAt,
                ReportedTimes.flag(answered)), at);
    }

    @Transactional
    public TicketView assign(UUID id, Integer ifMatch, AssignmentRequest request) {
        if (request.team() == null && request.agent() == null && request.department() == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give at least one of team, agent, department");
        }
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.ASSIGN);
        String previousTeam = ticket.team;
        String previousAgent = ticket.agent;
        String previousDepartment = ticket.department;
        if (request.team() != null) {
            ticket.team = request.team();
        }
        if (request.agent() != null) {
            ticket.agent = request.agent();
        }
        if (request.department() != null) {
            ticket.department = request.department();
        }
        boolean transfer = previousDepartment != null && !previousDepartment.equals(ticket.department);
        Instant now = clock.instant();
        events.publish(new TicketAssigned(ticket.facts(), previousTeam, previousAgent, previousDepartment, transfer, now), now);
        return done(ticket);
    }

    @Transactional
    public TicketView reclassify(UUID id, Integer ifMatch, ClassificationRequest request) {
        if (ifMatch == null) {
            throw ProblemException.preconditionRequired("reclassifying needs If-Match with the ticket's ETag");
        }
        if (request.priority() == null && request.category() == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give at least one of priority and category");
        }
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.RECLASSIFY);
        Priority previousPriority = ticket.priority;
        Category previousCategory = ticket.category;
        ticket.priority = Objects.requireNonNullElse(request.priority(), ticket.priority);
        ticket.category = Objects.requireNonNullElse(request.category(), ticket.category);
        if (ticket.priority != previousPriority || ticket.category != previousCategory) {
            Instant now = clock.instant();
            events.publish(new TicketReclassified(ticket.facts(), previousPriority, previousCategory, now), now);
        }
        return done(ticket);
    }

    @Transactional
    public TicketView changeStatus(UUID id, Integer ifMatch, StatusRequest request) {
        Ticket ticket = load(id, ifMatch);
        try {
            TicketLifecycle.checkStatusChange(ticket.status, request.status());
        } catch (TicketLifecycle.IllegalStep e) {
            throw ProblemException.conflict(e.getMessage());
        }
        moveTo(ticket, request.status(), request.reason(), occurredAt(request.occurredAt(), ticket.lastStatusChange()));
        return done(ticket);
    }

    @Transactional
    public TicketView resolve(UUID id, Integer ifMatch, ResolutionRequest request) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.RESOLVE);
        ReportedTime resolved = occurredAt(request.occurredAt(), ticket.lastStatusChange());
        Instant at = resolved.at();
        ticket.status = TicketStatus.RESOLVED;
        ticket.statusSince = at;
        ticket.resolutionCode = request.resolutionCode();
        ticket.resolutionSummary = request.summary();
        ticket.resolvedAt = at;
        events.publish(new TicketResolved(ticket.facts(), ticket.resolutionCode, ticket.openedAt, at,
                ticket.agentReplies, ticket.reopenCount, ReportedTimes.flag(resolved)), at);
        return done(ticket);
    }

    @Transactional
    public TicketView reopen(UUID id, Integer ifMatch, ReopenRequest request) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.REOPEN);
        reopen(ticket, request.reason(), occurredAt(request.occurredAt(), ticket.lastStatusChange()));
        return done(ticket);
    }

    @Transactional
    public TicketView close(UUID id, Integer ifMatch, ClosureRequest request) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.CLOSE);
        ReportedTime closed = occurredAt(request.occurredAt(), ticket.lastStatusChange());
        Instant at = closed.at();
        ticket.status = TicketStatus.CLOSED;
        ticket.statusSince = at;
        ticket.closedAt = at;
        events.publish(new TicketClosed(ticket.facts(), ticket.resolutionCode, at, ReportedTimes.flag(closed)), at);
        return done(ticket);
    }

    /**
     * The ticket for a step recorded beside it (an on-site visit's), checked like any action on it.
     * Its version goes up at once although no field changes: the step then races with the ticket's
     * other actions as they race with each other, so no two of them commit side by side and the
     * ticket's events leave the outbox in the order they were written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket forStep(UUID id, Integer ifMatch, Action action) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, action);
        em.lock(ticket, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        return ticket;
    }

    private void customerWrote(Ticket ticket, Message message, ReportedTime written) {
        boolean reopened = false;
        // A message reported late that was written before the ticket's latest status change was
        // written to the earlier status: the change made since stands, and the events keep their order.
        if (!message.occurredAt.isBefore(ticket.statusSince)) {
            TicketStatus after = TicketLifecycle.afterCustomerMessage(ticket.status);
            if (ticket.status == TicketStatus.RESOLVED) {
                reopen(ticket, "the customer replied", written);
                reopened = true;
            } else if (after != ticket.status) {
                moveTo(ticket, after, "the customer replied", written);
            }
        }
        events.publish(new CustomerReplied(ticket.facts(), message.id, message.occurredAt, reopened,
                ReportedTimes.flag(written)), message.occurredAt);
    }

    private void agentReplied(Ticket ticket, Message message, ReportedTime written) {
        ticket.agentReplies++;
        if (ticket.lastPublicUpdateAt == null || !message.occurredAt.isBefore(ticket.lastPublicUpdateAt)) {
            ticket.lastPublicUpdateAt = message.occurredAt;
            ticket.lastPublicUpdateText = message.body;
        }
        if (ticket.firstResponseAt == null || message.occurredAt.isBefore(ticket.firstResponseAt)) {
            recordFirstResponse(ticket, message.id, message.agent, written);
        } else {
            events.publish(new AgentReplied(ticket.facts(), message.id, message.agent, message.occurredAt,
                    ReportedTimes.flag(written)),
                    message.occurredAt);
        }
    }

    private void reopen(Ticket ticket, String reason, ReportedTime reopened) {
        Instant at = reopened.at();
        TicketStatus previous = ticket.status;
        ticket.status = TicketStatus.OPEN;
        ticket.statusSince = at;
        ticket.reopenCount++;
        ticket.resolvedAt = null;
        events.publish(new TicketReopened(ticket.facts(), previous, reason, at, ticket.reopenCount,
                ReportedTimes.flag(reopened)), at);
    }

    private void moveTo(Ticket ticket, TicketStatus status, String reason, ReportedTime changed) {
        Instant at = changed.at();
        TicketStatus previous = ticket.status;
        ticket.status = status;
        ticket.statusSince = at;
        events.publish(new TicketStatusChanged(ticket.facts(), previous, reason, at, ReportedTimes.flag(changed)), at);
    }

    /** When a step happened: {@code occurredAt} (checked: who may backdate, how far, not before {@code previous}) or now. */
    private ReportedTime occurredAt(Instant occurredAt, StepTime.After previous) {
        return times.step("occurredAt", occurredAt, previous);
    }

    /**
     * The agent a message is written by: for an integration, the one it names (customer messages:
     * none); for staff, the caller themself, who may not write as the customer or as a colleague.
     *
     * @throws ProblemException 403 when a staff caller's message says it is someone else's
     */
    private String authorOf(MessageRequest request) {
        if (caller.is(Roles.INTEGRATION)) {
            return request.author() == Message.Author.AGENT ? request.agent() : null;
        }
        if (request.author() != Message.Author.AGENT) {
            throw new ProblemException(Response.Status.FORBIDDEN, "author " + request.author() + ": only an "
                    + "integration client posts a customer's message; yours are author AGENT");
        }
        if (request.agent() != null && !request.agent().equals(caller.name())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "agent '" + request.agent() + "': your messages "
                    + "are written by you ('" + caller.name() + "'); only an integration client posts another agent's");
        }
        return caller.name();
    }

    private Ticket load(UUID id, Integer ifMatch) {
        Ticket ticket = tickets.requireTicket(id);
        IfMatch.check(ifMatch, ticket.version, "the ticket");
        return ticket;
    }

    private static void allow(Ticket ticket, Action action) {
        try {
            TicketLifecycle.check(ticket.status, action);
        } catch (TicketLifecycle.IllegalStep e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    private TicketView done(Ticket ticket) {
        em.flush(); // bumps the version now, so the answer carries the new ETag
        return tickets.viewWithoutContactData(ticket);
    }
}
