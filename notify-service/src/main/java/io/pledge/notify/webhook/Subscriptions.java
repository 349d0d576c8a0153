package io.pledge.notify.webhook;

import io.pledge.contracts.ticket.Category;
import io.pledge.notify.NotifyConfig;
import io.pledge.notify.outbound.OutboundAddresses;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Caller;
import io.pledge.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The webhook subscriptions. Admins manage all of them; an integration client manages its own,
 * which receive only the tickets its source system opened. Every change is audited.
 */
@ApplicationScoped
public class Subscriptions {

    private final EntityManager em;
    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;
    private final OutboundAddresses outbound;
    private final NotifyConfig config;

    @Inject
    public Subscriptions(EntityManager em, Caller caller, AuditLog audit, Clock clock, OutboundAddresses outbound,
                         NotifyConfig config) {
        this.em = em;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
        this.outbound = outbound;
        this.config = config;
    }

    /** A page of the subscriptions the caller may see, oldest first. */
    public record Page(List<SubscriptionView> items, String nextCursor) {
    }

    /**
     * Creates a subscription with a fresh secret, shown in this answer only. A retry with the same
     * Idempotency-Key by the same caller answers the first result (secret included: the caller
     * retried because it never got it).
     *
     * @return the subscription, and whether it was created now (false: a retry)
     */
    @Transactional
    public Created create(SubscriptionRequest request, String idempotencyKey) {
        if (idempotencyKey != null) {
            List<Subscription> earlier = em.createQuery(
                            "from Subscription s where s.createdBy = :by and s.idempotencyKey = :key", Subscription.class)
                    .setParameter("by", caller.name()).setParameter("key", idempotencyKey).getResultList();
            if (!earlier.isEmpty()) {
                return new Created(SubscriptionView.of(earlier.get(0), earlier.get(0).secret), false);
            }
        }
        Instant now = clock.instant();
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerClient = caller.is(Roles.ADMIN) ? null : ownClient();
        s.createdBy = caller.name();
        s.state = Subscription.State.ACTIVE;
        s.secret = Subscription.newSecret();
        s.idempotencyKey = idempotencyKey;
        s.createdAt = now;
        write(s, request, now);
        em.persist(s);
        em.flush();
        audit.record("webhook.created", "webhook " + s.id, s.url + " " + s.eventTypes);
        return new Created(SubscriptionView.of(s, s.secret), true);
    }

    public record Created(SubscriptionView view, boolean now) {
    }

    public Page page(String cursor, int limit) {
        KeyCursor after = KeyCursor.parse(cursor, 2);
        StringBuilder jpql = new StringBuilder("from Subscription s where 1 = 1");
        if (!caller.is(Roles.ADMIN)) {
            jpql.append(" and s.ownerClient = :owner");
        }
        if (after != null) {
            jpql.append(" and (s.createdAt > :at or (s.createdAt = :at and s.id > :id))");
        }
        var query = em.createQuery(jpql + " order by s.createdAt, s.id", Subscription.class);
        if (!caller.is(Roles.ADMIN)) {
            query.setParameter("owner", ownClient());
        }
        if (after != null) {
            try {
                query.setParameter("at", Instant.parse(after.key(0))).setParameter("id", UUID.fromString(after.key(1)));
            } catch (RuntimeException e) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
            }
        }
        List<Subscription> found = query.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(s -> SubscriptionView.of(s, null)).toList(),
                KeyCursor.next(found, limit, s -> KeyCursor.of(s.createdAt.toString(), s.id.toString())));
    }

    public SubscriptionView get(UUID id) {
        return SubscriptionView.of(require(id), null);
    }

    @Transactional
    public SubscriptionView update(UUID id, Integer ifMatch, SubscriptionRequest request) {
        Subscription s = require(id);
        IfMatch.check(ifMatch, s.version, "webhook " + id);
        Instant now = clock.instant();
        write(s, request, now);
        if (request.state() == Subscription.State.ACTIVE && s.state == Subscription.State.DISABLED) {
            s.enable(now);
        } else if (request.state() == Subscription.State.DISABLED) {
            s.state = Subscription.State.DISABLED;
        }
        em.flush();
        audit.record("webhook.changed", "webhook " + id, s.url + " " + s.eventTypes + " " + s.state);
        return SubscriptionView.of(s, null);
    }

    /** Deletes the subscription and its deliveries. */
    @Transactional
    public void delete(UUID id) {
        em.remove(require(id));
        audit.record("webhook.deleted", "webhook " + id, null);
    }

    /** A new secret (shown once); the previous one signs beside it for the configured overlap. */
    @Transactional
    public SubscriptionView rotateSecret(UUID id) {
        Subscription s = require(id);
        String secret = s.rotateSecret(clock.instant(), config.webhooks().secretOverlap());
        em.flush();
        audit.record("webhook.secret-rotated", "webhook " + id, "previous secret valid until " + s.previousSecretUntil);
        return SubscriptionView.of(s, secret);
    }

    /** The subscription, if the caller may see it: otherwise the same 404 as for none. */
    Subscription require(UUID id) {
        Subscription s = em.find(Subscription.class, id);
        if (s == null || !(caller.is(Roles.ADMIN) || Objects.equals(s.ownerClient, caller.client().orElse(null)))) {
            throw ProblemException.notFound("no webhook " + id);
        }
        return s;
    }

    private void write(Subscription s, SubscriptionRequest request, Instant now) {
        URI url;
        try {
            url = new URI(request.url().trim());
        } catch (URISyntaxException e) {
            throw ProblemException.unprocessable("url is not a URL: " + e.getMessage());
        }
        String refusal = outbound.refusal(url);
        if (refusal != null) {
            throw ProblemException.unprocessable("url: " + refusal);
        }
        List<String> unknown = EventTypes.unknown(request.eventTypes());
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("eventTypes: not an event type that can be subscribed to: "
                    + String.join(", ", unknown) + " (names as in the AsyncAPI document, or a family like ticket.*)");
        }
        if (request.category() != null && Arrays.stream(Category.values()).noneMatch(c -> c.name().equals(request.category()))) {
            throw ProblemException.unprocessable("category: one of " + Arrays.toString(Category.values()));
        }
        String sourceSystem = request.sourceSystem();
        if (s.ownerClient != null) {
            if (sourceSystem != null && !sourceSystem.equals(s.ownerClient)) {
                throw ProblemException.unprocessable("sourceSystem: an integration's webhooks receive its own tickets only ("
                        + s.ownerClient + ")");
            }
            sourceSystem = s.ownerClient;
        }
        s.url = url.toString();
        s.eventTypes = new ArrayList<>(request.eventTypes().stream().distinct().toList());
        s.team = blankToNull(request.team());
        s.department = blankToNull(request.department());
        s.category = request.category();
        s.sourceSystem = blankToNull(sourceSystem);
        s.description = request.description();
        s.unordered = Boolean.TRUE.equals(request.unordered());
        s.contact = request.contact() != null && !request.contact().isBlank() ? request.contact() : caller.name();
        s.updatedAt = now;
    }

    private String ownClient() {
        return caller.client().orElseThrow(() -> new ProblemException(Response.Status.FORBIDDEN,
                "an integration token without a client id cannot own webhooks"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
