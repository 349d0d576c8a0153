package io.pledge.sla.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.contracts.EventType;
import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.TicketEvent;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.sla.calendar.Calendars;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The ordered SLA policies: stored, changed, and matched against tickets. */
@ApplicationScoped
public class Policies {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Calendars calendars;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** A policy as the API shows it. */
    public record PolicyView(String id, int position, int version, PolicyDefinition definition) {
    }

    /** The policy that applies to a ticket. */
    public record Applied(String id, PolicyDefinition definition) {
    }

    /** One page of policies; {@code nextCursor} is null on the last page. */
    public record Page(List<PolicyView> items, String nextCursor) {
    }

    /**
     * A page of policies in the order they are tried: those strictly after {@code after} (the
     * cursor of the previous page's last one, or null for the first page).
     */
    public Page list(KeyCursor after, int limit) {
        var query = em.createQuery("from SlaPolicy p"
                + (after == null ? "" : " where p.position > :position or (p.position = :position and p.id > :id)")
                + " order by p.position, p.id", SlaPolicy.class);
        if (after != null) {
            query.setParameter("position", after.number(0)).setParameter("id", after.key(1));
        }
        List<SlaPolicy> found = query.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(this::view).toList(),
                KeyCursor.next(found, limit, p -> KeyCursor.of(Integer.toString(p.position), p.id)));
    }

    public PolicyView get(String id) {
        return view(require(id));
    }

    @Transactional
    public PolicyView create(Integer position, PolicyDefinition definition) {
        check(definition);
        SlaPolicy policy = new SlaPolicy();
        policy.id = UUID.randomUUID().toString();
        policy.position = position != null ? position
                : ordered().stream().mapToInt(p -> p.position).filter(p -> p < 1000).max().orElse(0) + 10;
        policy.createdAt = clock.instant();
        write(policy, definition);
        em.persist(policy);
        em.flush();
        audit.record("policy.created", "policy " + policy.id, describe(policy, definition));
        return view(policy);
    }

    @Transactional
    public PolicyView update(String id, Integer ifMatch, Integer position, PolicyDefinition definition) {
        SlaPolicy policy = require(id);
        IfMatch.check(ifMatch, policy.version, "policy '" + id + "'");
        check(definition);
        if (position != null) {
            policy.position = position;
        }
        write(policy, definition);
        em.flush();
        audit.record("policy.changed", "policy " + id, describe(policy, definition) + ", version " + policy.version);
        return view(policy);
    }

    @Transactional
    public void delete(String id) {
        SlaPolicy policy = require(id);
        em.remove(policy);
        audit.record("policy.deleted", "policy " + id, "position " + policy.position);
    }

    /** The audit detail of a policy change: short, what an auditor looks for first. */
    private static String describe(SlaPolicy policy, PolicyDefinition definition) {
        return definition.name() + " at position " + policy.position + ": " + definition.targets().stream()
                .map(t -> t.metric() + " " + t.duration()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The policies in force at one moment, in the order they are tried. */
    public record InForce(List<Applied> policies) {

        /** The policy with this id, if it existed then. */
        public Optional<PolicyDefinition> definition(String id) {
            return policies.stream().filter(a -> a.id().equals(id)).map(Applied::definition).findFirst();
        }

        /** The first policy, in order, whose conditions match the ticket. */
        public Optional<Applied> match(TicketFacts ticket, Collection<String> tags, String customerTier) {
            return policies.stream().filter(a -> a.definition().matches(ticket, tags, customerTier)).findFirst();
        }
    }

    /**
     * The policies in force now, parsed, re-read only when the table changed (any replica's change
     * shows in the stamp): parsing them for every ticket would dominate the work. One round trip
     * for the stamp; a poll asks once for all its tickets ({@code PolledClocks}).
     */
    public InForce inForce() {
        // Not flushed first: an auto-flush dirty-checks the whole session, in a poll every clock
        // and outbox row so far, once per ticket (issue #17's profile: 40 % of sla-service's CPU).
        // Nothing a transaction does before asking changes sla_policy.
        Object[] row = (Object[]) em.createNativeQuery(
                        "select count(*), coalesce(sum(version), 0), max(updated_at)::text from sla_policy")
                .setFlushMode(FlushModeType.COMMIT)
                .getSingleResult();
        String stamp = row[0] + "/" + row[1] + "/" + row[2];
        Parsed cached = parsed;
        if (cached == null || !cached.stamp().equals(stamp)) {
            cached = new Parsed(stamp, new InForce(ordered().stream().map(p -> new Applied(p.id, definitionOf(p))).toList()));
            parsed = cached;
        }
        return cached.policies();
    }

    private record Parsed(String stamp, InForce policies) {
    }

    private volatile Parsed parsed;

    private List<SlaPolicy> ordered() {
        return em.createQuery("from SlaPolicy p order by p.position, p.id", SlaPolicy.class).getResultList();
    }

    private SlaPolicy require(String id) {
        SlaPolicy policy = em.find(SlaPolicy.class, id);
        if (policy == null) {
            throw ProblemException.notFound("no SLA policy '" + id + "'");
        }
        return policy;
    }

    /** Every calendar named must exist, and each metric may be promised once. */
    private void check(PolicyDefinition definition) {
        var metrics = new HashSet<String>();
        for (PolicyDefinition.Target target : definition.targets()) {
            if (!metrics.add(target.metric())) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "metric " + target.metric() + " is given twice");
            }
            checkMilestone(target);
            if (target.duration().isNegative() || target.duration().isZero()) {
                throw new ProblemException(Response.Status.BAD_REQUEST, target.metric() + ": duration must be positive");
            }
            try {
                calendars.calendar(target.calendarId());
            } catch (ProblemException e) {
                throw new ProblemException(Response.Status.BAD_REQUEST,
                        target.metric() + ": no calendar '" + target.calendarId() + "'");
            }
        }
    }

    /** Built-in metrics follow ticket events by themselves; a custom milestone names the ticket events that drive it. */
    private static void checkMilestone(PolicyDefinition.Target target) {
        if (!target.isMilestone()) {
            if (target.startOn() != null || !target.stops().isEmpty() || !target.pauses().isEmpty() || !target.resumes().isEmpty()
                    || !target.cancels().isEmpty()) {
                throw bad(target.metric() + " is built in: it takes no startOn, stopOn, pauseOn, resumeOn or cancelOn");
            }
            return;
        }
        if (target.startOn() == null || target.stops().isEmpty()) {
            throw bad("custom milestone " + target.metric() + " needs startOn and at least one stopOn event type");
        }
        List<String> types = new java.util.ArrayList<>(List.of(target.startOn()));
        types.addAll(target.stops());
        types.addAll(target.pauses());
        types.addAll(target.resumes());
        types.addAll(target.cancels());
        for (String type : types) {
            boolean readHere = EventType.fromType(type)
                    .filter(t -> TicketEvent.class.isAssignableFrom(t.dataClass()))
                    .filter(t -> MILESTONE_TOPICS.contains(t.topic())).isPresent();
            if (!readHere) {
                throw bad(target.metric() + ": '" + type + "' is not an event type about a ticket on a topic"
                        + " sla-service reads " + MILESTONE_TOPICS);
            }
        }
    }

    /** The topics sla-service consumes: milestones can only be moved by their events. */
    private static final List<String> MILESTONE_TOPICS = List.of(Topics.TICKETS, Topics.COMPLAINTS);

    private static ProblemException bad(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }

    private void write(SlaPolicy policy, PolicyDefinition definition) {
        try {
            policy.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        policy.updatedAt = clock.instant();
    }

    PolicyDefinition definitionOf(SlaPolicy policy) {
        try {
            return json.readValue(policy.definition, PolicyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy '" + policy.id + "' is unreadable", e);
        }
    }

    private PolicyView view(SlaPolicy policy) {
        return new PolicyView(policy.id, policy.position, policy.version, definitionOf(policy));
    }
}
