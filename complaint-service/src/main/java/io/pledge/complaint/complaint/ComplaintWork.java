package io.pledge.complaint.complaint;

import io.pledge.complaint.complaint.ComplaintWorkflow.Action;
import io.pledge.complaint.complaint.WorkRequests.AcknowledgeRequest;
import io.pledge.complaint.complaint.WorkRequests.FollowUpRequest;
import io.pledge.complaint.complaint.WorkRequests.Outcome;
import io.pledge.complaint.complaint.WorkRequests.ReclassifyRequest;
import io.pledge.complaint.complaint.WorkRequests.RegisterRequest;
import io.pledge.complaint.complaint.WorkRequests.RootCauseRequest;
import io.pledge.complaint.complaint.Escalations.Reason;
import io.pledge.complaint.followup.WorkingDays;
import io.pledge.complaint.ticket.ComplaintTicket;
import io.pledge.complaint.ticket.Tickets;
import io.pledge.contracts.complaint.ComplaintAcknowledged;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.complaint.ComplaintContacted;
import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintInvestigationStarted;
import io.pledge.contracts.complaint.ComplaintResolutionProposed;
import io.pledge.contracts.complaint.ComplaintResolutionRejected;
import io.pledge.contracts.complaint.ComplaintResolved;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Refusals;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.pledge.complaint.complaint.ComplaintState.ACKNOWLEDGED;
import static io.pledge.complaint.complaint.ComplaintState.CLOSED;
import static io.pledge.complaint.complaint.ComplaintState.FOLLOW_UP;
import static io.pledge.complaint.complaint.ComplaintState.INVESTIGATING;
import static io.pledge.complaint.complaint.ComplaintState.RESOLUTION_PROPOSED;

/**
 * The steps of the complaint procedure: each checks the step is allowed (409 naming what is),
 * changes the complaint and publishes its event in one transaction, and records who and when.
 * Bad input is refused before anything changes.
 */
@ApplicationScoped
public class ComplaintWork {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Complaints complaints;

    @Inject
    Tickets tickets;

    @Inject
    ComplaintEvents events;

    @Inject
    Escalations escalations;

    @Inject
    ComplaintSettings settings;

    @Inject
    Refusals refusals;

    /** The caller of the REST step (request-scoped; the event-driven steps do not use it). */
    @Inject
    Caller caller;

    private WorkingDays workingDays;

    @PostConstruct
    void init() {
        workingDays = new WorkingDays(settings.followUp().timeZone(),
                Set.copyOf(settings.followUp().holidays().orElse(List.of())));
    }

    /**
     * A complaint raised by REST (e.g. on the phone during an inquiry). For a ticket whose events
     * have not arrived yet the request waits and is registered when they do, if the ticket then
     * lies within the caller's scope. A known ticket outside it is answered exactly like an unknown
     * one (the request waits, and the ticket's next event drops it), so that ticket ids cannot be
     * probed by telling the two apart.
     */
    @Transactional
    public Complaints.Registering register(RegisterRequest request) {
        Instant now = clock.instant();
        complaints.lockTicket(request.ticketId()); // the ticket's first event may be arriving right now
        Optional<ComplaintTicket> ticket = tickets.find(request.ticketId());
        Optional<Complaint> existing = complaints.forTicket(request.ticketId())
                .filter(c -> complaints.reaches(c, caller.scope())); // e.g. routed to the caller's department
        if (existing.isPresent()) {
            return new Complaints.Registering(new Complaints.Registered(existing.get(), false), null);
        }
        if (ticket.isPresent() && caller.scope().reaches(ticket.get().reach())) {
            return new Complaints.Registering(complaints.register(new Complaints.Registration(ticket.get(), now,
                    caller.name(), request.subject(), request.severity(), request.department(), request.description())),
                    null);
        }
        if (ticket.isPresent()) {
            // audited now, with who and from where; the answer below is an unknown ticket's
            refusals.record("scope.refused", "registration for ticket " + request.ticketId()
                    + " outside the caller's scope: answered as waiting, dropped at the ticket's next event");
        }
        return new Complaints.Registering(null, complaints.awaitTicket(request, caller.scope(), now));
    }

    @Transactional
    public Complaint acknowledge(UUID id, Integer ifMatch, AcknowledgeRequest request, String actor) {
        Complaint c = load(id, ifMatch, Action.ACKNOWLEDGE);
        if ((request.subject() != null || request.severity() != null) && !caller.scope().seesIndividuals()) {
            // severity decides the escalation level: it changes only by a supervisor's classification
            throw new ProblemException(Response.Status.FORBIDDEN, "severity and subject change only through a"
                    + " supervisor's classification (PUT /api/v1/complaints/" + id + "/classification);"
                    + " acknowledge without them");
        }
        String department = request.department() != null ? request.department() : c.department;
        if (department == null) {
            throw ProblemException.unprocessable("name the department responsible for this complaint (department)");
        }
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.department = department;
        if (request.subject() != null) {
            c.subject = request.subject();
        }
        if (request.severity() != null) {
            c.severity = request.severity();
        }
        c.state = ACKNOWLEDGED;
        c.acknowledgedAt = now;
        events.publish(c, new ComplaintAcknowledged(events.facts(c), c.id, c.level, c.department, c.subject.name(),
                c.severity.name(), actor, c.acknowledgeBy, now), now, actor, from, null);
        complaints.escalateOnLines(c, now, actor);
        return c;
    }

    @Transactional
    public Complaint startInvestigation(UUID id, Integer ifMatch, String actor) {
        Complaint c = load(id, ifMatch, Action.START_INVESTIGATION);
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.state = INVESTIGATING;
        events.publish(c, new ComplaintInvestigationStarted(events.facts(c), c.id, c.level, actor, now), now, actor,
                from, null);
        return c;
    }

    @Transactional
    public Complaint proposeResolution(UUID id, Integer ifMatch, String proposal, String actor) {
        Complaint c = load(id, ifMatch, Action.PROPOSE_RESOLUTION);
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.state = RESOLUTION_PROPOSED;
        c.proposals++;
        c.proposal = proposal;
        events.publish(c, new ComplaintResolutionProposed(events.facts(c), c.id, c.level, proposal, actor, now), now,
                actor, from, "proposal " + c.proposals);
        return c;
    }

    /** The customer accepted: a follow-up visit falls due within the configured working days. */
    @Transactional
    public Complaint recordAcceptance(UUID id, Integer ifMatch, String actor) {
        Complaint c = load(id, ifMatch, Action.RECORD_ACCEPTANCE);
        refuseHandler(c, Action.RECORD_ACCEPTANCE);
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.state = FOLLOW_UP;
        c.resolvedAt = now;
        c.followUpDue = workingDays.add(now, settings.followUp().withinWorkingDays());
        events.publish(c, new ComplaintResolved(events.facts(c), c.id, c.level, actor, c.followUpDue, now), now, actor,
                from, "proposal " + c.proposals + " accepted");
        return c;
    }

    /** The customer rejected: back to investigation, one level up (once per proposal; not above the top). */
    @Transactional
    public Complaint recordRejection(UUID id, Integer ifMatch, String reason, String actor) {
        Complaint c = load(id, ifMatch, Action.RECORD_REJECTION);
        refuseHandler(c, Action.RECORD_REJECTION);
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.state = ComplaintWorkflow.afterUnsatisfiedCustomer();
        // The customer's words stay in the complaint's history (erasable with it), not in the event,
        // which the topic keeps for good: the event's reason is optional and left out.
        events.publish(c, new ComplaintResolutionRejected(events.facts(c), c.id, c.level, null, actor, now), now,
                actor, from, reason);
        escalations.escalate(c, "CUSTOMER_REJECTED:" + c.proposals, Reason.CUSTOMER_REJECTED, escalations.oneUp(c), now,
                actor, reason);
        return c;
    }

    /** The owner of the current level reached the customer (stops the level's contact deadline). */
    @Transactional
    public Complaint recordContact(UUID id, Integer ifMatch, String actor) {
        Complaint c = load(id, ifMatch, Action.RECORD_CONTACT);
        if (c.contactedAt != null) {
            throw ProblemException.conflict("the customer was already contacted at level " + c.level + " (at "
                    + c.contactedAt + ")");
        }
        Instant now = clock.instant();
        c.contactedAt = now;
        events.publish(c, new ComplaintContacted(events.facts(c), c.id, c.level, actor, now), now, actor, c.state, null);
        return c;
    }

    /**
     * The follow-up visit (回访): satisfied closes the complaint (root cause and corrective action
     * required), not satisfied sends it back to investigation one level up.
     */
    @Transactional
    public Complaint recordFollowUp(UUID id, Integer ifMatch, FollowUpRequest request, String actor) {
        Complaint c = load(id, ifMatch, Action.RECORD_FOLLOW_UP);
        refuseHandler(c, Action.RECORD_FOLLOW_UP);
        RootCause rootCause = request.rootCause() != null ? request.rootCause() : c.rootCause;
        String correctiveAction = request.correctiveAction() != null ? request.correctiveAction() : c.correctiveAction;
        boolean satisfied = request.outcome() == Outcome.SATISFIED;
        if (satisfied && (rootCause == null || correctiveAction == null)) {
            throw ProblemException.unprocessable("closing a complaint requires its rootCause and correctiveAction:"
                    + " give them here or record them first (PUT /api/v1/complaints/" + id + "/root-cause)");
        }
        Instant now = clock.instant();
        ComplaintState from = c.state;
        c.followUps++;
        c.followUpOutcome = request.outcome().name();
        c.followUpNotes = request.notes();
        if (!satisfied) {
            c.state = ComplaintWorkflow.afterUnsatisfiedCustomer();
        }
        events.publish(c, new ComplaintFollowUpCompleted(events.facts(c), c.id, c.level, request.outcome().name(),
                c.followUpDue, actor, now), now, actor, from, request.notes());
        if (satisfied) {
            c.rootCause = rootCause;
            c.correctiveAction = correctiveAction;
            c.state = CLOSED;
            c.closedAt = now;
            events.publish(c, new ComplaintClosed(events.facts(c), c.id, c.level, c.department, c.subject.name(),
                    c.severity.name(), rootCause.name(), correctiveAction, c.repeatCount > 1, actor, c.registeredAt, now),
                    now, actor, FOLLOW_UP, rootCause.name());
        } else {
            escalations.escalate(c, "FOLLOW_UP_UNSATISFIED:" + c.followUps, Reason.FOLLOW_UP_UNSATISFIED,
                    escalations.oneUp(c), now, actor, request.notes());
        }
        return c;
    }

    @Transactional
    public Complaint recordRootCause(UUID id, Integer ifMatch, RootCauseRequest request) {
        Complaint c = load(id, ifMatch, Action.RECORD_ROOT_CAUSE);
        c.rootCause = request.rootCause();
        c.correctiveAction = request.correctiveAction();
        return c;
    }

    /** Adjusts severity, subject or department; a severity crossing its line escalates. */
    @Transactional
    public Complaint reclassify(UUID id, Integer ifMatch, ReclassifyRequest request, String actor) {
        if (request.severity() == null && request.subject() == null && request.department() == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give at least one of severity, subject, department");
        }
        Complaint c = load(id, ifMatch, Action.RECLASSIFY);
        if (request.severity() != null) {
            c.severity = request.severity();
        }
        if (request.subject() != null) {
            c.subject = request.subject();
        }
        if (request.department() != null) {
            c.department = request.department();
        }
        complaints.escalateOnLines(c, clock.instant(), actor);
        return c;
    }

    /** A supervisor escalates by hand: one level up, once per level. */
    @Transactional
    public Complaint escalate(UUID id, Integer ifMatch, String reason, String actor) {
        Complaint c = load(id, ifMatch, Action.ESCALATE);
        if (escalations.oneUp(c) == c.level) {
            throw ProblemException.conflict("the complaint is at the top level (" + c.level + ") already");
        }
        escalations.escalate(c, "MANUAL:L" + c.level, Reason.MANUAL, escalations.oneUp(c), clock.instant(),
                actor, reason);
        return c;
    }

    /**
     * A customer answered a survey about the complaint's ticket unsatisfied: the complaint is reopened
     * if it was in follow-up or closed, and escalates one level — once per survey.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unsatisfiedSurvey(Complaint c, UUID surveyId, Instant at) {
        String cause = "SURVEY_UNSATISFIED:" + surveyId;
        if (escalations.actedOn(c, cause)) {
            return;
        }
        if (ComplaintWorkflow.reopensOnUnsatisfiedSurvey(c.state)) {
            ComplaintState from = c.state;
            c.state = ComplaintWorkflow.afterUnsatisfiedCustomer();
            c.closedAt = null;
            events.publish(c, new ComplaintInvestigationStarted(events.facts(c), c.id, c.level, null, at), at, null,
                    from, "reopened: survey " + surveyId + " answered unsatisfied");
        }
        escalations.escalate(c, cause, Reason.SURVEY_UNSATISFIED, escalations.oneUp(c), at, null, null);
    }

    /**
     * What the customer said (acceptance, rejection, the follow-up visit's outcome) is recorded by
     * the CRM reporting it, or by a supervisor or admin: never by the one who handles the complaint,
     * whose own work the customer judges. The handler is the ticket's agent (now, and when the
     * complaint was registered).
     */
    private void refuseHandler(Complaint c, Action action) {
        String me = caller.name();
        String handlerNow = tickets.find(c.ticketId).map(t -> t.agent).orElse(null);
        if (me != null && (me.equals(c.agent) || me.equals(handlerNow))) {
            throw new ProblemException(Response.Status.FORBIDDEN, "you handle this complaint: another person (a"
                    + " supervisor, or the CRM reporting what the customer said) must " + action.words);
        }
    }

    /** The complaint, if the caller reaches it (404 otherwise, as for a missing one), in a state allowing {@code action}. */
    private Complaint load(UUID id, Integer ifMatch, Action action) {
        Complaint c = complaints.reachable(id, caller);
        IfMatch.check(ifMatch, c.version, "the complaint");
        try {
            ComplaintWorkflow.check(c.state, action);
        } catch (ComplaintWorkflow.IllegalStep e) {
            throw ProblemException.conflict(e.getMessage());
        }
        return c;
    }
}
