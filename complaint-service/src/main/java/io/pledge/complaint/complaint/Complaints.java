package io.pledge.complaint.complaint;

import io.pledge.complaint.ticket.ComplaintTicket;
import io.pledge.complaint.ticket.TicketScope;
import io.pledge.complaint.ticket.Tickets;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Registers and finds complaints: one per ticket, whoever asks and however often. */
@ApplicationScoped
public class Complaints {

    @Inject
    EntityManager em;

    @Inject
    ComplaintEvents events;

    @Inject
    ComplaintSettings settings;

    @Inject
    EscalationMatrix matrix;

    @Inject
    Escalations escalations;

    /** Told of each new complaint, in its transaction: the events waiting for it (signal.ComplaintSignals). */
    @Inject
    Event<Registered> registered;

    @Inject
    Tickets tickets;

    @Inject
    AuditLog audit;

    /**
     * What registers a complaint: a ticket event (actor null, the rest derived from the ticket) or a
     * REST call (who, and optionally subject, severity, department and description).
     */
    public record Registration(ComplaintTicket ticket, Instant at, String actor, Subject subject, Severity severity,
                               String department, String description) {

        public static Registration byTicketEvent(ComplaintTicket ticket, Instant at) {
            return new Registration(ticket, at, null, null, null, null, null);
        }
    }

    /** @param created false when the ticket already had its complaint (which is returned) */
    public record Registered(Complaint complaint, boolean created) {
    }

    /** A REST registration: done (the ticket was known), or waiting for the ticket's events. */
    public record Registering(Registered registered, RegistrationRequest waiting) {
    }

    /**
     * Registers the ticket's complaint unless it has one: counts the customer's earlier complaints
     * within the repeat window, publishes {@code complaint.registered}, escalates when severity or
     * repeat count cross their lines, and applies the SLA and survey events that were waiting for it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Registered register(Registration registration) {
        ComplaintTicket ticket = registration.ticket();
        lockTicket(ticket.ticketId);
        Optional<Complaint> existing = forTicket(ticket.ticketId);
        if (existing.isPresent()) {
            return new Registered(existing.get(), false);
        }
        Instant at = registration.at();
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.ticketId = ticket.ticketId;
        complaint.customerId = ticket.customerId;
        complaint.state = ComplaintState.REGISTERED;
        complaint.level = 1;
        complaint.severity = registration.severity() != null ? registration.severity() : Severity.fromPriority(ticket.priority);
        complaint.subject = registration.subject() != null ? registration.subject() : Subject.OTHER;
        complaint.department = registration.department() != null ? registration.department() : ticket.department;
        complaint.description = registration.description();
        complaint.channel = ticket.channel;
        complaint.priority = ticket.priority;
        complaint.team = ticket.team;
        complaint.agent = ticket.agent;
        complaint.registeredAt = at;
        complaint.registeredBy = registration.actor();
        complaint.acknowledgeBy = matrix.contactBy(1, at);
        complaint.repeatCount = 1 + earlierComplaintsOf(ticket.customerId, at);
        em.persist(complaint);
        events.publish(complaint, new ComplaintRegistered(complaint.id, complaint.ticketId, complaint.customerId,
                        complaint.channel, complaint.priority, complaint.severity.name(), complaint.department,
                        complaint.team, complaint.agent, complaint.registeredAt), at, registration.actor(), null,
                complaint.repeatCount > 1 ? "repeat: complaint " + complaint.repeatCount + " of this customer" : null);
        escalateOnLines(complaint, at, registration.actor());
        Registered created = new Registered(complaint, true);
        registered.fire(created);
        return created;
    }

    /**
     * Serializes, per ticket and until the transaction ends, everything that registers its complaint
     * or waits for it (an event parked for the complaint, a REST registration waiting for the
     * ticket). Without it, an event parked by one consumer while another registers the complaint
     * could miss the drain (each transaction not yet seeing the other's row) and never be applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockTicket(UUID ticketId) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, lockKey(ticketId)).getSingleResult();
    }

    private static long lockKey(UUID ticketId) {
        return ticketId.getMostSignificantBits() ^ ticketId.getLeastSignificantBits();
    }

    /**
     * {@link #lockTicket} for every ticket of a poll, in one statement and in one order (the ids'
     * keys ascending), so that two transactions locking several tickets never wait in a circle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockTickets(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) {
            return;
        }
        Long[] keys = ticketIds.stream().map(Complaints::lockKey).sorted().distinct().toArray(Long[]::new);
        // the aggregate takes the sorted subquery's rows in their order: the locks go in key order
        em.createNativeQuery("select count(pg_advisory_xact_lock(k)) from (select k from unnest(?1) as u(k) order by k) s")
                .setParameter(1, keys).getSingleResult();
    }

    /** Which of these tickets have REST registrations waiting for them, in one query. */
    public Set<UUID> withWaitingRegistrations(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select distinct w.ticketId from RegistrationRequest w where w.ticketId in :ids",
                UUID.class).setParameter("ids", ticketIds).getResultList());
    }

    /**
     * Keeps a REST registration until the ticket's events are known (or, for a known ticket outside
     * the requester's scope, until the next one drops it): the first request of each requester counts,
     * a retry changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RegistrationRequest awaitTicket(WorkRequests.RegisterRequest request, Scope requester, Instant at) {
        Optional<RegistrationRequest> mine = waitingFor(request.ticketId()).stream()
                .filter(w -> w.requestedBy.equals(requester.subject())).findFirst();
        if (mine.isPresent()) {
            return mine.get();
        }
        RegistrationRequest waiting = new RegistrationRequest();
        waiting.id = UUID.randomUUID();
        waiting.ticketId = request.ticketId();
        waiting.requestedBy(requester);
        waiting.requestedAt = at;
        waiting.subject = request.subject();
        waiting.severity = request.severity();
        waiting.department = request.department();
        waiting.description = request.description();
        em.persist(waiting);
        return waiting;
    }

    /** The registrations waiting for this ticket's events, oldest first. */
    public List<RegistrationRequest> waitingFor(UUID ticketId) {
        return em.createQuery("""
                        from RegistrationRequest w where w.ticketId = :ticket
                        order by w.requestedAt, w.id""", RegistrationRequest.class)
                .setParameter("ticket", ticketId).getResultList();
    }

    /**
     * An event of the ticket arrived: the registrations waiting for it are carried out, as asked and
     * when asked (the first registers the complaint, later ones find it), each only if the ticket
     * lies within the scope its requester had when asking. One outside it is dropped, unseen by the
     * requester except as a registration that no longer exists, and recorded in the audit log.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registerWaiting(ComplaintTicket ticket) {
        lockTicket(ticket.ticketId);
        for (RegistrationRequest waiting : waitingFor(ticket.ticketId)) {
            em.remove(waiting);
            Scope requester = waiting.requesterScope();
            boolean reached = requester.reaches(ticket.reach())
                    || forTicket(ticket.ticketId).filter(c -> reaches(c, requester)).isPresent();
            if (!reached) {
                // outside a request the entry's actor is "system": the requester goes in the detail
                audit.record("scope.refused", "ticket " + ticket.ticketId,
                        "registration by " + waiting.requestedBy + " dropped: outside their scope");
                continue;
            }
            register(new Registration(ticket, waiting.requestedAt, waiting.requestedBy, waiting.subject,
                    waiting.severity, waiting.department, waiting.description));
        }
    }

    /** A complaint whose severity or repeat count crosses its line goes (once per line) to the line's level. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalateOnLines(Complaint complaint, Instant at, String actor) {
        matrix.forSeverity(complaint.severity).filter(level -> level.number() > complaint.level).ifPresent(level ->
                escalations.escalate(complaint, "SEVERITY", Escalations.Reason.SEVERITY, level.number(), at, actor, null));
        matrix.forRepeat(complaint.repeatCount).filter(level -> level.number() > complaint.level).ifPresent(level ->
                escalations.escalate(complaint, "REPEAT", Escalations.Reason.REPEAT, level.number(), at, actor, null));
    }

    private int earlierComplaintsOf(String customerId, Instant at) {
        return em.createQuery("""
                        select count(c) from Complaint c
                        where c.customerId = :customer and c.registeredAt > :from and c.registeredAt <= :at""", Long.class)
                .setParameter("customer", customerId)
                .setParameter("from", at.minus(settings.repeatWindow()))
                .setParameter("at", at)
                .getSingleResult().intValue();
    }

    public Optional<Complaint> forTicket(UUID ticketId) {
        return em.createQuery("from Complaint c where c.ticketId = :ticket", Complaint.class)
                .setParameter("ticket", ticketId)
                .getResultStream().findFirst();
    }

    public Optional<Complaint> find(UUID id) {
        return Optional.ofNullable(em.find(Complaint.class, id));
    }

    /** What a caller who asks for a complaint outside its scope is told: word for word a missing one's. */
    public static String notFound(UUID id) {
        return "no complaint " + id;
    }

    /**
     * The complaint, if it exists and the caller reaches it (blueprint §6): otherwise the same 404
     * either way, so that ids cannot be probed.
     */
    public Complaint reachable(UUID id, Caller caller) {
        Complaint complaint = find(id).orElseThrow(() -> ProblemException.notFound(notFound(id)));
        require(complaint, caller, notFound(id));
        return complaint;
    }

    /** Nothing if the caller reaches the complaint; otherwise the refusal is audited and a 404 with {@code notFoundDetail} thrown. */
    public void require(Complaint complaint, Caller caller, String notFoundDetail) {
        if (!reaches(complaint, caller.scope())) {
            caller.require(ticketReachOf(complaint), notFoundDetail);
        }
    }

    /** Whether {@code scope} reaches the complaint: through its ticket, or by the department it was routed to. */
    public boolean reaches(Complaint complaint, Scope scope) {
        return TicketScope.reaches(scope, ticketReachOf(complaint), complaint.department);
    }

    /**
     * Where a complaint's ticket belongs: its team, department and source system. A complaint is
     * registered only for a ticket whose copy exists; should the copy be missing, what the
     * complaint took from the ticket stands in (no source system: no integration client reaches it).
     */
    private Scope.Reach ticketReachOf(Complaint complaint) {
        return tickets.find(complaint.ticketId).map(ComplaintTicket::reach)
                .orElseGet(() -> new Scope.Reach(complaint.team, complaint.department, null));
    }

    public List<ComplaintStep> history(UUID id) {
        return em.createQuery("from ComplaintStep s where s.complaintId = :id order by s.id", ComplaintStep.class)
                .setParameter("id", id).getResultList();
    }

    /** The supervisor's list: every filter optional; {@code overdue} means a deadline of the current step passed. */
    public record Filter(UUID ticketId, String customerId, ComplaintState state, Integer level, String department,
                         Boolean overdue) {
    }

    /**
     * Newest first, at most {@code limit}, only complaints {@code scope} reaches (their ticket's, or
     * routed to one of its departments);
     * {@code cursor} continues where the previous page stopped.
     */
    public List<Complaint> list(Filter filter, Scope scope, String cursor, int limit, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder where = new StringBuilder("where ").append(TicketScope.complaintReached(scope, parameters));
        condition(where, parameters, "ticketId", filter.ticketId());
        condition(where, parameters, "customerId", filter.customerId());
        condition(where, parameters, "state", filter.state());
        condition(where, parameters, "level", filter.level());
        condition(where, parameters, "department", filter.department());
        if (filter.overdue() != null) {
            // The same rule as Complaint.overdueAt, in the query so that paging stays exact.
            String overdue = """
                    (c.state <> :closed and (
                        (c.state = :registered and c.acknowledgeBy < :now)
                        or (c.state = :followUp and c.followUpDue < :now)
                        or (c.contactBy is not null and c.contactedAt is null and c.contactBy < :now)))""";
            where.append(filter.overdue() ? " and " + overdue : " and not " + overdue);
            parameters.put("now", now);
            parameters.put("closed", ComplaintState.CLOSED);
            parameters.put("registered", ComplaintState.REGISTERED);
            parameters.put("followUp", ComplaintState.FOLLOW_UP);
        }
        if (cursor != null) {
            PageCursor after = PageCursor.parse(cursor);
            where.append(" and (c.registeredAt < :cursorAt or (c.registeredAt = :cursorAt and c.id < :cursorId))");
            parameters.put("cursorAt", after.at());
            parameters.put("cursorId", after.id());
        }
        TypedQuery<Complaint> query = em.createQuery(
                "from Complaint c " + where + " order by c.registeredAt desc, c.id desc", Complaint.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            where.append(" and c.").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }
}
