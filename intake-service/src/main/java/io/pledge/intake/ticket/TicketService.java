package io.pledge.intake.ticket;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.customer.Customer;
import io.pledge.intake.customer.CustomerDetails;
import io.pledge.intake.customer.CustomerDirectory;
import io.pledge.intake.idempotency.IdempotencyKey;
import io.pledge.intake.idempotency.RequestFingerprint;
import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.ReportedTime;
import io.pledge.platform.security.Roles;
import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Opens tickets and reads them. The ticket row and its {@code ticket.opened} event are committed together. */
@ApplicationScoped
public class TicketService {

    @Inject
    EntityManager em;

    @Inject
    TicketEvents events;

    @Inject
    CustomerDirectory customers;

    @Inject
    TrackingTokens tracking;

    @Inject
    Clock clock;

    @Inject
    RequestFingerprint fingerprints;

    @Inject
    Caller caller;

    @Inject
    ReportedTimes times;

    /** The source system of tickets opened by staff whose token names no client (Pledge's own UI). */
    public static final String STAFF_SOURCE = "pledge";

    /** The outcome of an open request: the ticket, and whether an earlier request had created it. */
    public record Opened(TicketView ticket, boolean replayed) {
    }

    /** The filters of the ticket list; null means "any". */
    public record Filter(TicketStatus status, Channel channel, Category category, Priority priority, String team,
                         String agent, String customer, Instant openedFrom, Instant openedTo) {
    }

    /**
     * Opens a ticket for the caller's source system (its client id, never the body's), or answers
     * with the one an earlier request opened: same caller and {@code Idempotency-Key}, or the same
     * CRM reference within the caller's own source system (integration clients only).
     *
     * @throws ProblemException 400 for staff sending an externalReference; 403 for an integration token
     *                          without a client id, or staff changing contact data or backdating;
     *                          409 for a key whose ticket the caller no longer reaches; 422 when the body's sourceSystem is not the
     *                          caller's, the key was used for a different request, or openedAt is in
     *                          the future or before the backdating window
     */
    public Opened open(OpenTicketRequest request, String idempotencyKey) {
        String source = sourceSystem();
        if (request.sourceSystem() != null && !request.sourceSystem().equals(source)) {
            throw ProblemException.unprocessable("sourceSystem '" + request.sourceSystem() + "' in the body is not "
                    + "the caller's source system '" + source + "' (the token's client id); omit the field");
        }
        if (request.externalReference() != null && !caller.is(Roles.INTEGRATION)) {
            // The reference is a CRM's key, unique in its source system, and all staff share one
            // ("pledge"): a retry by it would tell them a reference is in use in another team.
            throw new ProblemException(Response.Status.BAD_REQUEST, "externalReference is a CRM's own key for its "
                    + "ticket, sent by integration clients only; omit it (retry with an Idempotency-Key instead)");
        }
        String by = caller.name();
        RequestFingerprint.Fingerprint fingerprint = fingerprints.of(request);
        // A lost race: the same request committed first (answer with what it created), or another
        // one for the same new customer (try again).
        return Races.run(() -> openOnce(request, source, by, idempotencyKey, fingerprint),
                () -> findEarlier(request, source, by, idempotencyKey, fingerprint));
    }

    /**
     * The source system of what the caller opens: an integration's client id (which it must have),
     * a staff caller's client id or else {@value #STAFF_SOURCE}.
     *
     * @throws ProblemException 403 for an integration token that names no client
     */
    public String sourceSystem() {
        Optional<String> client = caller.client();
        if (caller.is(Roles.INTEGRATION) && client.isEmpty()) {
            throw new ProblemException(Response.Status.FORBIDDEN, "an integration token must name its client "
                    + "(claim azp or client_id): it is the source system of what the integration reports");
        }
        return client.orElse(STAFF_SOURCE);
    }

    /**
     * Creates a ticket of {@code sourceSystem} for {@code customer} and publishes {@code ticket.opened}
     * at {@code opened}; the caller's transaction commits both.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket create(OpenTicketRequest request, String sourceSystem, Customer customer, ReportedTime opened) {
        Instant openedAt = opened.at();
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.sourceSystem = sourceSystem;
        ticket.externalReference = request.externalReference();
        ticket.channel = request.channel();
        ticket.category = request.category();
        ticket.priority = request.priority() == null ? Priority.NORMAL : request.priority();
        ticket.status = TicketStatus.OPEN;
        ticket.subject = request.subject();
        ticket.description = request.description();
        ticket.customerId = customer.externalId;
        ticket.customerRef = customer.id;
        ticket.customerTier = customer.tier;
        ticket.team = request.team();
        ticket.agent = request.agent();
        ticket.department = request.department();
        ticket.tags = request.tags() == null ? new String[0] : request.tags().toArray(String[]::new);
        ticket.openedAt = openedAt;
        ticket.statusSince = openedAt;
        ticket.createdAt = clock.instant();
        tracking.issue(ticket);
        em.persist(ticket);
        events.publish(new TicketOpened(ticket.facts(), ticket.customerTier, ticket.sourceSystem,
                List.of(ticket.tags), ticket.openedAt, ReportedTimes.flag(opened)), ticket.openedAt);
        return ticket;
    }

    /**
     * The ticket with its customer's contact data, for a caller who reaches it; the decryption is
     * written to the audit log.
     *
     * @throws ProblemException 404 when there is no such ticket or the caller does not reach it
     */
    @Transactional
    public TicketView find(UUID id) {
        return viewWithContactData(requireTicket(id));
    }

    /** Newest first; {@code cursor} continues where the previous page stopped. */
    public TicketView.Page list(Filter filter, String cursor, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder where = new StringBuilder("where " + ScopeCondition.of(caller.scope(), "t", parameters));
        condition(where, parameters, "status", filter.status());
        condition(where, parameters, "channel", filter.channel());
        condition(where, parameters, "category", filter.category());
        condition(where, parameters, "priority", filter.priority());
        condition(where, parameters, "team", filter.team());
        condition(where, parameters, "agent", filter.agent());
        condition(where, parameters, "customerId", filter.customer());
        if (filter.openedFrom() != null) {
            where.append(" and t.openedAt >= :openedFrom");
            parameters.put("openedFrom", filter.openedFrom());
        }
        if (filter.openedTo() != null) {
            where.append(" and t.openedAt < :openedTo");
            parameters.put("openedTo", filter.openedTo());
        }
        if (cursor != null) {
            PageCursor after = PageCursor.parse(cursor);
            where.append(" and (t.openedAt < :cursorAt or (t.openedAt = :cursorAt and t.id < :cursorId))");
            parameters.put("cursorAt", after.at());
            parameters.put("cursorId", after.id());
        }
        TypedQuery<Ticket> query = em.createQuery("from Ticket t " + where + " order by t.openedAt desc, t.id desc",
                Ticket.class);
        parameters.forEach(query::setParameter);
        List<Ticket> rows = query.setMaxResults(limit + 1).getResultList();
        List<TicketView.Summary> items = rows.stream().limit(limit).map(TicketView.Summary::of).toList();
        String next = rows.size() > limit ? new PageCursor(rows.get(limit - 1).openedAt, rows.get(limit - 1).id).encode() : null;
        return new TicketView.Page(items, next);
    }

    public List<TicketView.TimelineItem> timeline(UUID ticketId) {
        requireTicket(ticketId);
        return em.createQuery("from TimelineEntry e where e.ticketId = :ticket order by e.seq", TimelineEntry.class)
                .setParameter("ticket", ticketId)
                .getResultStream()
                .map(e -> new TicketView.TimelineItem(e.seq, e.type, e.occurredAt,
                        EventCodec.parse(e.data.getBytes(StandardCharsets.UTF_8))))
                .toList();
    }

    public List<TicketView.MessageView> messages(UUID ticketId) {
        requireTicket(ticketId);
        return em.createQuery("from Message m where m.ticketId = :ticket order by m.occurredAt, m.createdAt", Message.class)
                .setParameter("ticket", ticketId)
                .getResultStream().map(TicketView.MessageView::of).toList();
    }

    /**
     * The ticket, for a caller who reaches it (blueprint §6: outside one's scope a ticket is a 404,
     * word for word the one of a ticket that does not exist, so ids cannot be probed).
     *
     * @throws ProblemException 404 when there is no such ticket or the caller does not reach it
     */
    public Ticket requireTicket(UUID id) {
        Ticket ticket = em.find(Ticket.class, id);
        if (ticket == null) {
            throw ProblemException.notFound("no ticket " + id);
        }
        caller.require(ticket.reach(), "no ticket " + id);
        return ticket;
    }

    /** The ticket with its customer's decrypted contact data; the decryption is audited. */
    TicketView viewWithContactData(Ticket t) {
        Customer customer = t.customerRef == null ? null : em.find(Customer.class, t.customerRef);
        return view(t, customer == null ? CustomerDirectory.withheld(t.customerId, t.customerTier)
                : customers.disclose(customer, "ticket " + t.id));
    }

    /** The ticket without contact data (the customer's CRM id and tier only): the answer of actions on it. */
    TicketView viewWithoutContactData(Ticket t) {
        return view(t, CustomerDirectory.withheld(t.customerId, t.customerTier));
    }

    private TicketView view(Ticket t, CustomerDetails customer) {
        String trackingToken = tracking.reveal(t);
        return new TicketView(t.id, t.status, t.statusSince, t.channel, t.category, t.priority, t.subject, t.description,
                customer, t.sourceSystem, t.externalReference,
                List.of(t.tags), t.team, t.agent, t.department, t.openedAt, t.firstResponseAt, t.agentReplies,
                t.reopenCount, t.resolutionCode, t.resolutionSummary, t.resolvedAt, t.closedAt, trackingToken,
                tracking.link(trackingToken), t.trackingExpiresAt, t.version);
    }

    private Opened openOnce(OpenTicketRequest request, String source, String by, String idempotencyKey,
                            RequestFingerprint.Fingerprint fingerprint) {
        Optional<Opened> earlier = findEarlier(request, source, by, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ReportedTime opened = times.of("openedAt", request.openedAt());
        Customer customer = customers.upsert(request.customer(), clock.instant(), caller.scope(), source);
        Ticket ticket = create(request.team() == null ? request.withTeam(staffTeam()) : request, source, customer, opened);
        if (idempotencyKey != null) {
            IdempotencyKey key = new IdempotencyKey();
            key.id = new IdempotencyKey.Id(by, idempotencyKey);
            key.requestHash = fingerprint.value();
            key.ticketId = ticket.id;
            key.createdAt = ticket.createdAt;
            em.persist(key);
        }
        em.flush(); // a duplicate key or CRM reference fails here, inside open()'s race handling
        // What the request carried, as now stored: nothing was decrypted to show it.
        CustomerDetails sent = request.customer();
        return new Opened(view(ticket, new CustomerDetails(customer.externalId, sent.name(), sent.phone(), sent.email(),
                customer.tier)), false);
    }

    /**
     * The team of a ticket a staff caller opens without naming one: their own when their token names
     * exactly one (else they could not see the ticket they just opened); null otherwise.
     */
    private String staffTeam() {
        var teams = caller.scope().teamsReached();
        return !caller.is(Roles.INTEGRATION) && teams.size() == 1 && !teams.contains(Scope.EVERYTHING)
                ? teams.iterator().next() : null;
    }

    private Optional<Opened> findEarlier(OpenTicketRequest request, String source, String by, String idempotencyKey,
                                         RequestFingerprint.Fingerprint fingerprint) {
        if (idempotencyKey != null) {
            IdempotencyKey key = em.find(IdempotencyKey.class, new IdempotencyKey.Id(by, idempotencyKey));
            if (key != null) {
                if (key.visitId != null || !fingerprint.matches(key.requestHash)) {
                    throw ProblemException.unprocessable(
                            "Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
                }
                Ticket ticket = em.find(Ticket.class, key.ticketId);
                if (!caller.scope().reaches(ticket.reach())) {
                    // the caller's own key, but the ticket has moved on: nothing about where to
                    throw ProblemException.conflict("Idempotency-Key '" + idempotencyKey
                            + "' was already used; send a new key");
                }
                return Optional.of(replayed(ticket, request));
            }
        }
        if (request.externalReference() != null) {
            Optional<Ticket> ticket = em.createQuery(
                            "from Ticket t where t.sourceSystem = :source and t.externalReference = :reference", Ticket.class)
                    .setParameter("source", source)
                    .setParameter("reference", request.externalReference())
                    .getResultStream()
                    .findFirst();
            if (ticket.isPresent() && !caller.scope().reaches(ticket.get().reach())) {
                // Only integrations send references, and they reach all of their source system;
                // should that ever change, the answer still says nothing about scope.
                throw ProblemException.conflict("externalReference '" + request.externalReference()
                        + "' is already used");
            }
            return ticket.map(t -> replayed(t, request));
        }
        return Optional.empty();
    }

    /**
     * The answer to a retry: the ticket as it is, with the stored contact data of only those
     * fields the retry carried (audited), so an integration that sends a customer id alone learns
     * nothing it did not send.
     */
    private Opened replayed(Ticket ticket, OpenTicketRequest request) {
        Customer customer = ticket.customerRef == null ? null : em.find(Customer.class, ticket.customerRef);
        CustomerDetails shown = customer == null ? CustomerDirectory.withheld(ticket.customerId, ticket.customerTier)
                : customers.disclose(customer, request.customer(), "ticket " + ticket.id);
        return new Opened(view(ticket, shown), true);
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            where.append(" and t.").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }
}
