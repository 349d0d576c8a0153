package io.pledge.survey.template;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The ordered survey templates: the first whose conditions match a survey applies. */
@ApplicationScoped
public class Templates {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Template changes are admin changes: each audited in the transaction that makes it (blueprint §6). */
    @Inject
    AuditLog audit;

    /** A template as the API shows it. */
    public record TemplateView(String id, int position, int version, TemplateDefinition definition) {
    }

    public List<TemplateView> list() {
        return ordered().stream().map(this::view).toList();
    }

    /** One page of the templates in the order they are tried, and the cursor of the next (null on the last). */
    public record Page(List<TemplateView> items, String nextCursor) {
    }

    /**
     * At most {@code limit} templates after {@code cursor} (the last one of the previous page), in
     * (position, id) order; the cursor is opaque to callers, a foreign one a 400.
     */
    public Page page(String cursor, int limit) {
        StringBuilder query = new StringBuilder("from SurveyTemplate t");
        KeyCursor after = KeyCursor.parse(cursor, 2);
        if (after != null) {
            query.append(" where t.position > :position or (t.position = :position and t.id > :id)");
        }
        var rows = em.createQuery(query + " order by t.position, t.id", SurveyTemplate.class);
        if (after != null) {
            rows.setParameter("position", after.number(0)).setParameter("id", after.key(1));
        }
        List<SurveyTemplate> found = rows.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(this::view).toList(),
                KeyCursor.next(found, limit, t -> KeyCursor.of(Integer.toString(t.position), t.id)));
    }

    public TemplateView get(String id) {
        return view(require(id));
    }

    /** The first template, in order, for this trigger, channel and category. */
    public Optional<TemplateView> choose(Trigger trigger, Channel channel, Category category) {
        return list().stream().filter(t -> t.definition().matches(trigger, channel, category)).findFirst();
    }

    @Transactional
    public TemplateView create(Integer position, TemplateDefinition definition) {
        check(definition);
        SurveyTemplate template = new SurveyTemplate();
        template.id = UUID.randomUUID().toString();
        template.position = position != null ? position
                : ordered().stream().mapToInt(t -> t.position).filter(p -> p < 1000).max().orElse(0) + 10;
        write(template, definition);
        em.persist(template);
        em.flush();
        audit.record("template.created", "template " + template.id, "position " + template.position);
        return view(template);
    }

    @Transactional
    public TemplateView update(String id, Integer ifMatch, Integer position, TemplateDefinition definition) {
        SurveyTemplate template = require(id);
        IfMatch.check(ifMatch, template.version, "template '" + id + "'");
        check(definition);
        if (position != null) {
            template.position = position;
        }
        write(template, definition);
        em.flush();
        audit.record("template.changed", "template " + id, "version " + template.version + ", position "
                + template.position);
        return view(template);
    }

    @Transactional
    public void delete(String id) {
        em.remove(require(id));
        audit.record("template.deleted", "template " + id, null);
    }

    private static void check(TemplateDefinition definition) {
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, String.join("; ", problems));
        }
    }

    private void write(SurveyTemplate template, TemplateDefinition definition) {
        try {
            template.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        template.updatedAt = clock.instant();
    }

    private TemplateView view(SurveyTemplate template) {
        try {
            return new TemplateView(template.id, template.position, template.version,
                    json.readValue(template.definition, TemplateDefinition.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SurveyTemplate> ordered() {
        return em.createQuery("from SurveyTemplate t order by t.position, t.id", SurveyTemplate.class).getResultList();
    }

    private SurveyTemplate require(String id) {
        SurveyTemplate template = em.find(SurveyTemplate.class, id);
        if (template == null) {
            throw ProblemException.notFound("no survey template '" + id + "'");
        }
        return template;
    }
}
