package io.pledge.intake.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.intake.idempotency.IdempotencyKey;
import io.pledge.platform.outbox.Outbox;
import io.pledge.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Opens tickets: the ticket row and its {@code ticket.opened} event are committed together. */
@ApplicationScoped
public class TicketService {

    /** A CRM clock a little ahead of ours is not "in the future". */
    static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /** The outcome of an open request: the ticket, and whether an earlier request had created it. */
    public record Opened(TicketView ticket, boolean replayed) {
    }

    /**
     * Opens a ticket, or answers with the one an earlier request opened: same caller and {@code
     * Idempotency-Key}, or same source system and CRM reference.
     *
     * @throws ProblemException 422 when the key was used before for a different request; 400 when
     *                          {@code openedAt} is in the future
     */
    public Opened open(OpenTicketRequest request, String caller, String idempotencyKey) {
        String fingerprint = fingerprint(request);
        try {
            return QuarkusTransaction.requiringNew().call(() -> openOnce(request, caller, idempotencyKey, fingerprint));
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // A concurrent identical request committed first: answer with what it created.
            return QuarkusTransaction.requiringNew()
                    .call(() -> findEarlier(request, caller, idempotencyKey, fingerprint))
                    .orElseThrow(() -> e);
        }
    }

    public Optional<TicketView> find(UUID id) {
        return Optional.ofNullable(em.find(Ticket.class, id)).map(TicketView::of);
    }

    private Opened openOnce(OpenTicketRequest request, String caller, String idempotencyKey, String fingerprint) {
        Optional<Opened> earlier = findEarlier(request, caller, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = clock.instant();
        Instant openedAt = request.openedAt() == null ? now : request.openedAt();
        if (openedAt.isAfter(now.plus(CLOCK_SKEW_TOLERANCE))) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "openedAt " + openedAt + " is in the future (now " + now + ")");
        }

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
        ticket.customerId = request.customer().externalId();
        ticket.customerTier = request.customer().tier();
        ticket.team = request.team();
        ticket.agent = request.agent();
        ticket.tags = request.tags() == null ? new String[0] : request.tags().toArray(String[]::new);
        ticket.openedAt = openedAt;
        ticket.createdAt = now;
        em.persist(ticket);

        if (idempotencyKey != null) {
            IdempotencyKey key = new IdempotencyKey();
            key.id = new IdempotencyKey.Id(caller, idempotencyKey);
            key.requestHash = fingerprint;
            key.ticketId = ticket.id;
            key.createdAt = now;
            em.persist(key);
        }

        outbox.record(new TicketOpened(ticket.id, ticket.customerId, ticket.customerTier, ticket.channel,
                ticket.category, ticket.priority, ticket.team, ticket.agent, ticket.sourceSystem,
                List.of(ticket.tags), ticket.openedAt), ticket.openedAt);
        em.flush(); // a duplicate key or CRM reference fails here, inside open()'s race handling
        return new Opened(TicketView.of(ticket), false);
    }

    private Optional<Opened> findEarlier(OpenTicketRequest request, String caller, String idempotencyKey,
                                         String fingerprint) {
        if (idempotencyKey != null) {
            IdempotencyKey key = em.find(IdempotencyKey.class, new IdempotencyKey.Id(caller, idempotencyKey));
            if (key != null) {
                if (!key.requestHash.equals(fingerprint)) {
                    throw ProblemException.unprocessable(
                            "Idempotency-Key '" + idempotencyKey + "' was already used for a different request");
                }
                return Optional.of(new Opened(TicketView.of(em.find(Ticket.class, key.ticketId)), true));
            }
        }
        if (request.externalReference() != null) {
            return em.createQuery("from Ticket t where t.sourceSystem = :source and t.externalReference = :reference",
                            Ticket.class)
                    .setParameter("source", request.sourceSystem())
                    .setParameter("reference", request.externalReference())
                    .getResultStream()
                    .findFirst()
                    .map(ticket -> new Opened(TicketView.of(ticket), true));
        }
        return Optional.empty();
    }

    private String fingerprint(OpenTicketRequest request) {
        try {
            byte[] body = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
