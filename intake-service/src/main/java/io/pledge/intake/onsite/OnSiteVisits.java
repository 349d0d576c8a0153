package io.pledge.intake.onsite;

import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteDispatched;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.intake.idempotency.IdempotencyKey;
import io.pledge.intake.idempotency.RequestFingerprint;
import io.pledge.intake.onsite.VisitRequests.CompletionRequest;
import io.pledge.intake.onsite.VisitRequests.DispatchRequest;
import io.pledge.intake.onsite.VisitRequests.VisitRequest;
import io.pledge.intake.onsite.VisitSteps.Move;
import io.pledge.intake.ticket.Races;
import io.pledge.intake.ticket.ReportedTimes;
import io.pledge.intake.ticket.StepTime;
import io.pledge.intake.ticket.Ticket;
import io.pledge.intake.ticket.TicketEvents;
import io.pledge.intake.ticket.TicketLifecycle.Action;
import io.pledge.intake.ticket.TicketService;
import io.pledge.intake.ticket.TicketWork;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.ReportedTime;
import io.pledge.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * On-site visits: requested for a ticket being worked on, then a technician dispatched, then
 * completed. Each step is a step on the ticket (its If-Match, its version, its timeline) and
 * publishes its event in the same transaction; a ticket has one visit under way at a time.
 */
@ApplicationScoped
public class OnSiteVisits {

    @Inject
    EntityManager em;

    @Inject
    TicketService tickets;

    @Inject
    TicketWork work;

    @Inject
    TicketEvents events;

    @Inject
    Clock clock;

    @Inject
    RequestFingerprint fingerprints;

    @Inject
    ReportedTimes times;

    @Inject
    Caller caller;

    /** The requested visit, and whether an earlier request under the same Idempotency-Key had asked for it. */
    public record Requested(VisitView visit, boolean replayed) {
    }

    /**
     * Requests a visit, or answers with the one an earlier request with the same caller and
     * {@code Idempotency-Key} asked for.
     *
     * @throws ProblemException 409 when the ticket is not being worked on or has a visit under way;
     *                          422 when the key was used before for another request
     */
    public Requested request(UUID ticketId, Integer ifMatch, String caller, String idempotencyKey, VisitRequest request) {
        RequestFingerprint.Fingerprint fingerprint = fingerprints.of(request);
        // A lost race: the same request committed first (answer with its visit), or another step on
        // the ticket (try again, which may now be refused).
        return Races.run(() -> requestOnce(ticketId, ifMatch, caller, idempotencyKey, request, fingerprint),
                () -> earlier(ticketId, caller, idempotencyKey, fingerprint));
    }

    @Transactional
    public VisitView dispatch(UUID ticketId, UUID visitId, Integer ifMatch, DispatchRequest request) {
        Ticket ticket = work.forStep(ticketId, ifMatch, Action.DISPATCH_VISIT);
        OnSiteVisit visit = require(ticketId, visitId);
        check(visit, Move.DISPATCH);
        ReportedTime dispatched = times.step("occurredAt", request.occurredAt(),
                new StepTime.After("the visit was requested", visit.requestedAt));
        Instant at = dispatched.at();
        visit.technician = request.technician();
        visit.dispatchedAt = at;
        events.publish(new OnSiteDispatched(ticket.facts(), visit.id, visit.technician, visit.requestedAt, at,
                ReportedTimes.flag(dispatched)), at);
        return VisitView.of(visit);
    }

    @Transactional
    public VisitView complete(UUID ticketId, UUID visitId, Integer ifMatch, CompletionRequest request) {
        Ticket ticket = work.forStep(ticketId, ifMatch, Action.COMPLETE_VISIT);
        OnSiteVisit visit = require(ticketId, visitId);
        check(visit, Move.COMPLETE);
        ReportedTime completed = times.step("occurredAt", request.occurredAt(),
                new StepTime.After("the technician was dispatched", visit.dispatchedAt));
        Instant at = completed.at();
        visit.outcome = request.outcome();
        visit.completedAt = at;
        events.publish(new OnSiteCompleted(ticket.facts(), visit.id, visit.outcome, visit.requestedAt, at,
                ReportedTimes.flag(completed)), at);
        return VisitView.of(visit);
    }

    /** A ticket's visits, in the order they were requested. */
    public List<VisitView> list(UUID ticketId) {
        tickets.requireTicket(ticketId);
        return em.createQuery("from OnSiteVisit v where v.ticketId = :ticket order by v.requestedAt, v.createdAt",
                        OnSiteVisit.class)
                .setParameter("ticket", ticketId)
                .getResultStream().map(VisitView::of).toList();
    }

    public VisitView find(UUID ticketId, UUID visitId) {
        tickets.requireTicket(ticketId);
        return VisitView.of(require(ticketId, visitId));
    }

    private Requested requestOnce(UUID ticketId, Integer ifMatch, String caller, String idempotencyKey,
                                  VisitRequest request, RequestFingerprint.Fingerprint fingerprint) {
        Optional<Requested> earlier = earlier(ticketId, caller, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Ticket ticket = work.forStep(ticketId, ifMatch, Action.REQUEST_VISIT);
        String requestedBy = requestedBy(request);
        ReportedTime requested = times.step("occurredAt", request.occurredAt(), ticket.opening());
        Instant at = requested.at();
        Optional<OnSiteVisit> underWay = em.createQuery(
                        "from OnSiteVisit v where v.ticketId = :ticket and v.completedAt is null", OnSiteVisit.class)
                .setParameter("ticket", ticketId)
                .getResultStream().findFirst();
        if (underWay.isPresent()) {
            OnSiteVisit open = underWay.get();
            throw ProblemException.conflict("ticket " + ticketId + " already has on-site visit " + open.id
                    + " under way (" + open.step() + "; " + VisitSteps.next(open.step()) + ")");
        }

        OnSiteVisit visit = new OnSiteVisit();
        visit.id = UUID.randomUUID();
        visit.ticketId = ticketId;
        visit.reason = request.reason();
        visit.requestedBy = requestedBy;
        visit.requestedAt = at;
        visit.createdAt = clock.instant();
        em.persist(visit);
        // the reason is the customer's words: it stays here (GET .../visits), not on a topic kept for ever
        events.publish(new OnSiteRequested(ticket.facts(), visit.id, null, visit.requestedBy, at,
                ReportedTimes.flag(requested)), at);
        if (idempotencyKey != null) {
            IdempotencyKey key = new IdempotencyKey();
            key.id = new IdempotencyKey.Id(caller, idempotencyKey);
            key.requestHash = fingerprint.value();
            key.ticketId = ticketId;
            key.visitId = visit.id;
            key.createdAt = visit.createdAt;
            em.persist(key);
        }
        em.flush(); // a reused key or a second visit under way fails here, inside request()'s race handling
        return new Requested(VisitView.of(visit), false);
    }

    private Optional<Requested> earlier(UUID ticketId, String caller, String idempotencyKey,
                                        RequestFingerprint.Fingerprint fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        IdempotencyKey key = em.find(IdempotencyKey.class, new IdempotencyKey.Id(caller, idempotencyKey));
        if (key == null) {
            return Optional.empty();
        }
        if (key.visitId == null || !key.ticketId.equals(ticketId) || !fingerprint.matches(key.requestHash)) {
            throw ProblemException.unprocessable(
                    "Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
        }
        tickets.requireTicket(ticketId); // the caller's scope may have changed since
        return Optional.of(new Requested(VisitView.of(em.find(OnSiteVisit.class, key.visitId)), true));
    }

    /**
     * Who asked for the visit: whom an integration names; for staff, the caller themself.
     *
     * @throws ProblemException 403 when a staff caller names someone else
     */
    private String requestedBy(VisitRequest request) {
        if (caller.is(Roles.INTEGRATION)) {
            return request.requestedBy();
        }
        if (request.requestedBy() != null && !request.requestedBy().equals(caller.name())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "requestedBy '" + request.requestedBy()
                    + "': your requests are made by you ('" + caller.name() + "'); only an integration client "
                    + "reports another agent's");
        }
        return caller.name();
    }

    private OnSiteVisit require(UUID ticketId, UUID visitId) {
        OnSiteVisit visit = em.find(OnSiteVisit.class, visitId);
        if (visit == null || !visit.ticketId.equals(ticketId)) {
            throw ProblemException.notFound("ticket " + ticketId + " has no on-site visit " + visitId);
        }
        return visit;
    }

    private static void check(OnSiteVisit visit, Move move) {
        try {
            VisitSteps.check(visit.step(), move);
        } catch (VisitSteps.IllegalStep e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
