package io.pledge.intake.ticket;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.customer.Customer;
import io.pledge.intake.customer.CustomerDirectory;
import io.pledge.intake.idempotency.RequestFingerprint;
import io.pledge.intake.idempotency.IdempotencyKey;
import io.pledge.intake.tracking.TrackingTokens;
import io.pledge.platform.paging.PageCursor;
import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

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

    /** The outcome of an open request: the ticket, and whether an earlier request had created it. */
    public record Opened(TicketView ticket, boolean replayed) {
    }

    /** The filters of the ticket list; null means "any". */
    public record Filter(TicketStatus status, Channel channel, Category category, Priority priority, String team,
                         String agent, String customer, Instant openedFrom, Instant openedTo) {
    }

    /**
     * Opens a ticket, or answers with the one an earlier request opened: same caller and {@code
     * Idempotency-Key}, or same source system and CRM reference.
     *
     * @throws ProblemException 422 when the key was used before for a different request; 400 when
     *                          {@code openedAt} is in the future
     */
    public Opened open(OpenTicketRequest request, String caller, String idempotencyKey) {
        String fingerprint = fingerprints.of(request);
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> openOnce(request, caller, idempotencyKey, fingerprint));
            } catch (RuntimeException e) {
                if (!Races.lost(e)) {
                    throw e;
                }
                // A concurrent request committed first: the same request (answer with what it
                // created), or another one for the same new customer (try again).
                Optional<Opened> earlier = QuarkusTransaction.requiringNew()
                        .call(() -> findEarlier(request, caller, idempotencyKey, fingerprint));
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (attempt == Races.ATTEMPTS) {
                    throw Races.givenUp();
                }
            }
        }
    }

    /**
     * Creates a ticket for {@code customer} and publishes {@code ticket.opened} at {@code openedAt};
     * the caller's transaction commits both.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket create(OpenTicketRequest request, Customer customer, Instant openedAt) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.sourceSystem = request.sourceSystem();
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
                List.of(ticket.tags), ticket.openedAt), ticket.openedAt);
        return ticket;
    }

    public Optional<TicketView> find(UUID id) {
        return Optional.ofNullable(em.find(Ticket.class, id)).map(this::view);
    }

    /** Newest first; {@code cursor} continues where the previous page stopped. */
    public TicketView.Page list(Filter filter, String cursor, int limit) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
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

    /** @throws ProblemException 404 when there is no such ticket */
    public Ticket requireTicket(UUID id) {
        Ticket ticket = em.find(Ticket.class, id);
        if (ticket == null) {
            throw ProblemException.notFound("no ticket " + id);
        }
        return ticket;
    }

    TicketView view(Ticket t) {
        Customer customer = t.customerRef == null ? null : em.find(Customer.class, t.customerRef);
        return new TicketView(t.id, t.status, t.statusSince, t.channel, t.category, t.priority, t.subject, t.description,
                customer == null ? null : customers.reveal(customer), t.sourceSystem, t.externalReference,
                List.of(t.tags), t.team, t.agent, t.department, t.openedAt, t.firstResponseAt, t.agentReplies,
                t.reopenCount, t.resolutionCode, t.resolutionSummary, t.resolvedAt, t.closedAt, tracking.reveal(t),
                t.trackingExpiresAt, t.version);
    }

    /** @throws ProblemException 400 when {@code at} lies in the future */
    public void checkNotInFuture(String field, Instant at) {
        notInFuture(field, at);
    }

    /** {@code at}, or now when absent; @throws ProblemException 400 when {@code at} lies in the future */
    Instant notInFuture(String field, Instant at) {
        return StepTime.notInFuture(field, at, clock.instant());
    }

    private Opened openOnce(OpenTicketRequest request, String caller, String idempotencyKey, String fingerprint) {
        Optional<Opened> earlier = findEarlier(request, caller, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant openedAt = notInFuture("openedAt", request.openedAt());
        Customer customer = customers.upsert(request.customer(), clock.instant());
        Ticket ticket = create(request, customer, openedAt);
        if (idempotencyKey != null) {
            IdempotencyKey key = new IdempotencyKey();
            key.id = new IdempotencyKey.Id(caller, idempotencyKey);
            key.requestHash = fingerprint;
            key.ticketId = ticket.id;
            key.createdAt = ticket.createdAt;
            em.persist(key);
        }
        em.flush(); // a duplicate key or CRM reference fails here, inside open()'s race handling
        return new Opened(view(ticket), false);
    }

    private Optional<Opened> findEarlier(OpenTicketRequest request, String caller, String idempotencyKey,
                                         String fingerprint) {
        if (idempotencyKey != null) {
            IdempotencyKey key = em.find(IdempotencyKey.class, new IdempotencyKey.Id(caller, idempotencyKey));
            if (key != null) {
                if (key.visitId != null || !key.requestHash.equals(fingerprint)) {
                    throw ProblemException.unprocessable(
                            "Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
                }
                return Optional.of(new Opened(view(em.find(Ticket.class, key.ticketId)), true));
            }
        }
        if (request.externalReference() != null) {
            return em.createQuery("from Ticket t where t.sourceSystem = :source and t.externalReference = :reference",
                            Ticket.class)
                    .setParameter("source", request.sourceSystem())
                    .setParameter("reference", request.externalReference())
                    .getResultStream()
                    .findFirst()
                    .map(ticket -> new Opened(view(ticket), true));
        }
        return Optional.empty();
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String field, Object value) {
        if (value != null) {
            where.append(" and t.").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }
}
