package io.pledge.intake.call;

import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.customer.Customer;
import io.pledge.intake.customer.CustomerDirectory;
import io.pledge.intake.idempotency.RequestFingerprint;
import io.pledge.intake.privacy.FieldCipher;
import io.pledge.intake.ticket.OpenTicketRequest;
import io.pledge.intake.ticket.Races;
import io.pledge.intake.ticket.ReportedTimes;
import io.pledge.intake.ticket.StepTime;
import io.pledge.intake.ticket.Ticket;
import io.pledge.intake.ticket.TicketEvents;
import io.pledge.intake.ticket.TicketService;
import io.pledge.intake.ticket.TicketWork;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.ReportedTime;
import io.pledge.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Calls from the phone system. An answered call opens a PHONE ticket (or joins the one named),
 * whose first response is the answer; an abandoned call is published for the KPIs. The same call
 * reported twice changes nothing. A call belongs to the phone system that reported it (its token's
 * client id), which is the source system of the ticket it opens.
 */
@ApplicationScoped
public class CallService {

    @Inject
    EntityManager em;

    @Inject
    CustomerDirectory customers;

    @Inject
    FieldCipher cipher;

    @Inject
    TicketService tickets;

    @Inject
    TicketWork work;

    @Inject
    TicketEvents ticketEvents;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    RequestFingerprint fingerprints;

    @Inject
    Caller caller;

    @Inject
    ReportedTimes times;

    /** The recorded call, and whether it had been reported before. */
    public record Recorded(CallView call, boolean replayed) {
    }

    public Recorded record(RecordCallRequest request) {
        String source = tickets.sourceSystem();
        RequestFingerprint.Fingerprint fingerprint = fingerprints.of(request);
        return Races.run(() -> recordOnce(request, source, fingerprint), () -> earlier(request, source, fingerprint));
    }

    /**
     * The call, for a caller who reaches it (its own team, department or source system, or those
     * of the ticket it joined).
     *
     * @throws ProblemException 404 when there is no such call or the caller does not reach it
     */
    public CallView find(String callId) {
        Call call = em.find(Call.class, callId);
        if (call == null) {
            throw ProblemException.notFound("no call " + callId);
        }
        Ticket ticket = call.ticketId == null ? null : em.find(Ticket.class, call.ticketId);
        if (ticket == null || !caller.scope().reaches(ticket.reach())) {
            caller.require(call.reach(), "no call " + callId);
        }
        return CallView.of(call);
    }

    private Recorded recordOnce(RecordCallRequest request, String source, RequestFingerprint.Fingerprint fingerprint) {
        var replay = earlier(request, source, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        CallTimes reported = validateTimes(request);
        Boolean late = reported.flag();
        Instant now = clock.instant();
        Call call = new Call();
        call.callId = request.callId();
        call.queue = request.queue();
        call.keyId = cipher.activeKeyId();
        call.callerEnc = cipher.encrypt("call.caller", request.callerNumber());
        call.callerHash = cipher.hash(FieldCipher.normalisePhone(request.callerNumber()));
        call.offeredAt = request.offeredAt();
        call.answeredAt = request.answeredAt() == null ? null : reported.outcome().at();
        call.abandonedAt = request.abandonedAt() == null ? null : reported.outcome().at();
        call.endedAt = reported.ended() == null ? null : reported.ended().at();
        call.agent = request.agent();
        call.team = request.team();
        call.department = request.department();
        call.sourceSystem = source;
        call.requestHash = fingerprint.value();
        call.createdAt = now;

        if (call.answeredAt != null) {
            Ticket ticket;
            if (request.ticketId() != null) {
                ticket = attachTo(request);
                // The answer is a response on the joined ticket: like any step, not before the
                // ticket was opened (else a first response from before the ticket existed).
                call.answeredAt = StepTime.after("answeredAt", caller.is(Roles.INTEGRATION), call.answeredAt,
                        new StepTime.After("the ticket was opened", ticket.openedAt));
            } else {
                ticket = openFor(request, source, new ReportedTime(call.offeredAt, reported.late()), now);
            }
            call.ticketId = ticket.id;
            if (ticket.firstResponseAt == null || call.answeredAt.isBefore(ticket.firstResponseAt)) {
                work.recordFirstResponse(ticket, null, request.agent(), new ReportedTime(call.answeredAt, reported.late()));
            }
            ticketEvents.publish(new CallAnswered(call.callId, ticket.facts(), call.queue, call.offeredAt,
                    call.answeredAt, waitSeconds(call.offeredAt, call.answeredAt), late), call.answeredAt);
        } else {
            String customerId = customers.find(request.callerNumber(), null, caller.scope()).stream().findFirst()
                    .map(c -> c.externalId).orElse(null);
            outbox.record(new CallAbandoned(call.callId, call.queue, customerId, call.offeredAt, call.abandonedAt,
                    waitSeconds(call.offeredAt, call.abandonedAt), call.team, call.agent, call.department, late),
                    call.abandonedAt);
        }
        em.persist(call);
        em.flush();
        return new Recorded(CallView.of(call), false);
    }

    private java.util.Optional<Recorded> earlier(RecordCallRequest request, String source,
                                                 RequestFingerprint.Fingerprint fingerprint) {
        Call existing = em.find(Call.class, request.callId());
        if (existing == null) {
            return java.util.Optional.empty();
        }
        // Call ids are one namespace: another phone system's call with this id is "other details"
        // too, and its details are not shown.
        if (!existing.sourceSystem.equals(source) || !fingerprint.matches(existing.requestHash)) {
            throw ProblemException.conflict("call " + request.callId() + " was already reported with other details");
        }
        return java.util.Optional.of(new Recorded(CallView.of(existing), true));
    }

    private Ticket attachTo(RecordCallRequest request) {
        Ticket ticket = em.find(Ticket.class, request.ticketId());
        String missing = "no ticket " + request.ticketId() + " to attach the call to";
        if (ticket == null) {
            throw ProblemException.notFound(missing);
        }
        caller.require(ticket.reach(), missing);
        if (ticket.status == TicketStatus.CLOSED) {
            throw ProblemException.conflict("ticket " + ticket.id + " is CLOSED; a call cannot join it");
        }
        return ticket;
    }

    private Ticket openFor(RecordCallRequest request, String source, ReportedTime offered, Instant now) {
        Customer customer = customers.forCaller(request.callerNumber(), now, caller.scope(), source);
        OpenTicketRequest ticket = new OpenTicketRequest(Channel.PHONE,
                request.category() == null ? Category.INQUIRY : request.category(), request.priority(),
                "Phone call" + (request.queue() == null ? "" : " on " + request.queue()), null, null, source, null,
                List.of(), request.team(), request.agent(), request.department(), request.offeredAt());
        return tickets.create(ticket, source, customer, offered);
    }

    /**
     * The call's times as recorded: its answer or abandonment ({@code outcome}) and its end, each
     * through {@link ReportedTimes#of} (staff: now; integration: as given, within the window); and
     * whether the call was reported late, which every event it causes then says.
     */
    private record CallTimes(ReportedTime outcome, ReportedTime ended) {

        boolean late() {
            return outcome.late() || ended != null && ended.late();
        }

        Boolean flag() {
            return late() ? Boolean.TRUE : null;
        }
    }

    /**
     * Checks the order of the call's times and when each was reported. The answer (or abandonment)
     * and the end are facts of their own: each is late when it lies more than
     * pledge.security.late-after before now (integration clients only, within the backdating
     * window; staff: a 403), and the call is late when any of them is, so a call cannot pass an
     * old answer, and with it an old first response, off as on time behind a current endedAt.
     * offeredAt only has to lie within the window: the wait in the queue is part of the call.
     */
    private CallTimes validateTimes(RecordCallRequest request) {
        if ((request.answeredAt() == null) == (request.abandonedAt() == null)) {
            throw bad("give exactly one of answeredAt and abandonedAt");
        }
        String outcomeField = request.answeredAt() != null ? "answeredAt" : "abandonedAt";
        Instant outcome = request.answeredAt() != null ? request.answeredAt() : request.abandonedAt();
        if (outcome.isBefore(request.offeredAt())) {
            throw bad(outcomeField + " is before offeredAt");
        }
        if (request.endedAt() != null && request.endedAt().isBefore(outcome)) {
            throw bad("endedAt is before the call was answered or abandoned");
        }
        if (request.ticketId() != null && request.answeredAt() == null) {
            throw bad("only an answered call can join a ticket");
        }
        times.withinWindow("offeredAt", request.offeredAt());
        // the outcome first: for staff both are now, and the end then not before the outcome
        ReportedTime reportedOutcome = times.of(outcomeField, outcome);
        ReportedTime ended = request.endedAt() == null ? null : times.of("endedAt", request.endedAt());
        return new CallTimes(reportedOutcome, ended);
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    private static long waitSeconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }
}
