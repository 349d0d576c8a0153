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
import io.pledge.platform.problem.ProblemException;
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
 * all in one transaction.
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

    @Transactional
    public TicketView.MessageView addMessage(UUID id, Integer ifMatch, MessageRequest request) {
        Ticket ticket = load(id, ifMatch);
        allow(ticket, Action.MESSAGE);
        Instant at = occurredAt(request.occurredAt(), ticket.opening());
        Message.Visibility visibility = request.visibility() == null ? Message.Visibility.PUBLIC : request.visibility();
        if (request.author() == Message.Author.CUSTOMER && visibility == Message.Visibility.INTERNAL) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "a customer's message cannot be internal");
        }

        Message message = new Message();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.author = request.author();
        message.visibility = visibility;
        message.body = request.body();
        message.agent = request.author() == Message.Author.AGENT ? request.agent() : null;
        message.occurredAt = at;
        message.createdAt = clock.instant();
        em.persist(message);

        if (request.author() == Message.Author.CUSTOMER) {
            customerWrote(ticket, message);
        } else if (visibility == Message.Visibility.PUBLIC) {
            agentReplied(ticket, message);
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
    public void recordFirstResponse(Ticket ticket, UUID messageId, String by, Instant at) {
        ticket.firstResponseAt = at;
        events.publish(new FirstResponse(ticket.facts(), messageId, by, at, ticket.openedAt), at);
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
        Instant at = occurredAt(request.occurredAt(), ticket.lastStatusChange());
        ticket.status = TicketStatus.RESOLVED;
        ticket.statusSince = at;
        ticket.resolutionCode = request.resolutionCode();
        ticket.resolutionSummary = request.summary();
        ticket.resolvedAt = at;
        events.publish(new TicketResolved(ticket.facts(), ticket.resolutionCode, ticket.openedAt, at,
                ticket.agentReplies, ticket.reopenCount), at);
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
        Instant at = occurredAt(request.occurredAt(), ticket.lastStatusChange());
        ticket.status = TicketStatus.CLOSED;
        ticket.statusSince = at;
        ticket.closedAt = at;
        events.publish(new TicketClosed(ticket.facts(), ticket.resolutionCode, at), at);
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

    private void customerWrote(Ticket ticket, Message message) {
        boolean reopened = false;
        // A message reported late that was written before the ticket's latest status change was
        // written to the earlier status: the change made since stands, and the events keep their order.
        if (!message.occurredAt.isBefore(ticket.statusSince)) {
            TicketStatus after = TicketLifecycle.afterCustomerMessage(ticket.status);
            if (ticket.status == TicketStatus.RESOLVED) {
                reopen(ticket, "the customer replied", message.occurredAt);
                reopened = true;
            } else if (after != ticket.status) {
                moveTo(ticket, after, "the customer replied", message.occurredAt);
            }
        }
        events.publish(new CustomerReplied(ticket.facts(), message.id, message.occurredAt, reopened), message.occurredAt);
    }

    private void agentReplied(Ticket ticket, Message message) {
        ticket.agentReplies++;
        if (ticket.lastPublicUpdateAt == null || !message.occurredAt.isBefore(ticket.lastPublicUpdateAt)) {
            ticket.lastPublicUpdateAt = message.occurredAt;
            ticket.lastPublicUpdateText = message.body;
        }
        if (ticket.firstResponseAt == null || message.occurredAt.isBefore(ticket.firstResponseAt)) {
            recordFirstResponse(ticket, message.id, message.agent, message.occurredAt);
        } else {
            events.publish(new AgentReplied(ticket.facts(), message.id, message.agent, message.occurredAt),
                    message.occurredAt);
        }
    }

    private void reopen(Ticket ticket, String reason, Instant at) {
        TicketStatus previous = ticket.status;
        ticket.status = TicketStatus.OPEN;
        ticket.statusSince = at;
        ticket.reopenCount++;
        ticket.resolvedAt = null;
        events.publish(new TicketReopened(ticket.facts(), previous, reason, at, ticket.reopenCount), at);
    }

    private void moveTo(Ticket ticket, TicketStatus status, String reason, Instant at) {
        TicketStatus previous = ticket.status;
        ticket.status = status;
        ticket.statusSince = at;
        events.publish(new TicketStatusChanged(ticket.facts(), previous, reason, at), at);
    }

    /** When a step reported now happened: {@code occurredAt} (checked) or now. */
    private Instant occurredAt(Instant occurredAt, StepTime.After previous) {
        return StepTime.of("occurredAt", occurredAt, clock.instant(), previous);
    }

    private Ticket load(UUID id, Integer ifMatch) {
        Ticket ticket = tickets.requireTicket(id);
        if (ifMatch != null && ifMatch != ticket.version) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED,
                    "the ticket changed: its ETag is now \"" + ticket.version + "\", If-Match was \"" + ifMatch + "\"");
        }
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
        return tickets.view(ticket);
    }
}
