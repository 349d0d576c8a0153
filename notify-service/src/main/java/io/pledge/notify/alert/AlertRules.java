package io.pledge.notify.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The alert rules: seeded by the migration from the seeds' defaults, changed by admins (audited). */
@ApplicationScoped
public class AlertRules {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** A rule as the API shows it; the ETag is {@code version}. */
    public record RuleView(String id, int version, Instant updatedAt, RuleDefinition definition) {
    }

    public record Page(List<RuleView> items, String nextCursor) {
    }

    /** The enabled rules for events of {@code type}. */
    public List<Rule> enabledFor(String type) {
        return em.createQuery("from AlertRule r where r.eventType = :type and r.enabled order by r.id", AlertRule.class)
                .setParameter("type", type).getResultList().stream()
                .map(r -> new Rule(r.id, definition(r))).toList();
    }

    public Page page(String cursor, int limit) {
        KeyCursor after = KeyCursor.parse(cursor, 1);
        var query = em.createQuery("from AlertRule r" + (after != null ? " where r.id > :after" : "") + " order by r.id",
                AlertRule.class);
        if (after != null) {
            query.setParameter("after", after.key(0));
        }
        List<AlertRule> found = query.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(this::view).toList(),
                KeyCursor.next(found, limit, r -> KeyCursor.of(r.id)));
    }

    public RuleView get(String id) {
        return view(require(id));
    }

    @Transactional
    public RuleView create(RuleDefinition definition) {
        check(definition);
        AlertRule rule = new AlertRule();
        rule.id = UUID.randomUUID().toString();
        write(rule, definition);
        em.persist(rule);
        em.flush();
        audit.record("alert-rule.created", "alert rule " + rule.id, definition.eventType());
        return view(rule);
    }

    @Transactional
    public RuleView update(String id, Integer ifMatch, RuleDefinition definition) {
        AlertRule rule = require(id);
        IfMatch.check(ifMatch, rule.version, "alert rule '" + id + "'");
        check(definition);
        write(rule, definition);
        em.flush();
        audit.record("alert-rule.changed", "alert rule " + id, "version " + rule.version
                + (definition.enabled() ? "" : ", disabled"));
        return view(rule);
    }

    @Transactional
    public void delete(String id) {
        em.remove(require(id));
        audit.record("alert-rule.deleted", "alert rule " + id, null);
    }

    private static void check(RuleDefinition definition) {
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", problems));
        }
    }

    private void write(AlertRule rule, RuleDefinition definition) {
        try {
            rule.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        rule.eventType = definition.eventType();
        rule.enabled = definition.enabled();
        rule.updatedAt = clock.instant();
    }

    private RuleDefinition definition(AlertRule rule) {
        try {
            return json.readValue(rule.definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuleView view(AlertRule rule) {
        return new RuleView(rule.id, rule.version, rule.updatedAt, definition(rule));
    }

    private AlertRule require(String id) {
        AlertRule rule = id == null ? null : em.find(AlertRule.class, id);
        if (rule == null) {
            throw ProblemException.notFound("no alert rule '" + id + "'");
        }
        return rule;
    }
}
