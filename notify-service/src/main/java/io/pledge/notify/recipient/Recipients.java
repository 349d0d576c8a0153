package io.pledge.notify.recipient;

import io.pledge.notify.outbound.OutboundAddresses;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.paging.KeyCursor;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The staff directory: admins keep it (every change audited); the alert rules ask it who is who. */
@ApplicationScoped
public class Recipients implements Directory {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    OutboundAddresses outbound;

    /** One page of the directory, by id, and the cursor of the next (null on the last). */
    public record Page(List<RecipientView> items, String nextCursor) {
    }

    public Page page(String cursor, int limit) {
        KeyCursor after = KeyCursor.parse(cursor, 1);
        var query = em.createQuery("from Recipient r" + (after != null ? " where r.id > :after" : "") + " order by r.id",
                Recipient.class);
        if (after != null) {
            query.setParameter("after", after.key(0));
        }
        List<Recipient> found = query.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(RecipientView::of).toList(),
                KeyCursor.next(found, limit, r -> KeyCursor.of(r.id)));
    }

    public RecipientView get(String id) {
        return RecipientView.of(require(id));
    }

    @Transactional
    public RecipientView create(RecipientDefinition definition) {
        if (definition.id() == null) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "id: the person's id (as in their tokens) is required");
        }
        check(definition);
        if (em.find(Recipient.class, definition.id()) != null) {
            throw ProblemException.conflict("recipient '" + definition.id() + "' exists already: PUT changes it");
        }
        Recipient r = new Recipient();
        r.id = definition.id();
        r.createdAt = clock.instant();
        write(r, definition);
        em.persist(r);
        em.flush();
        audit.record("recipient.created", "recipient " + r.id, null);
        return RecipientView.of(r);
    }

    @Transactional
    public RecipientView update(String id, Integer ifMatch, RecipientDefinition definition) {
        Recipient r = require(id);
        IfMatch.check(ifMatch, r.version, "recipient '" + id + "'");
        if (definition.id() != null && !definition.id().equals(id)) {
            throw ProblemException.unprocessable("id: a recipient's id cannot change ('" + definition.id()
                    + "' in the body, '" + id + "' in the path)");
        }
        check(definition);
        write(r, definition);
        em.flush();
        audit.record("recipient.changed", "recipient " + id, "version " + r.version);
        return RecipientView.of(r);
    }

    @Transactional
    public void delete(String id) {
        em.remove(require(id));
        audit.record("recipient.deleted", "recipient " + id, null);
    }

    @Override
    public Optional<Staff> byId(String id) {
        return Optional.ofNullable(id).map(i -> em.find(Recipient.class, i)).map(Recipients::staff);
    }

    @Override
    public List<Staff> teamLeads(String team) {
        return team == null ? List.of() : where("?1 = any(r.leads_teams)", team);
    }

    @Override
    public List<Staff> supervisors(String department) {
        return department == null ? List.of() : where("?1 = any(r.leads_departments)", department);
    }

    @Override
    public List<Staff> levelOwners(int level, String department) {
        if (department == null) {
            return where("?1 = any(r.owns_levels)", level);
        }
        return where("?1 = any(r.owns_levels) and (?2 = any(r.leads_departments) or cardinality(r.leads_departments) = 0)",
                level, department);
    }

    @SuppressWarnings("unchecked")
    private List<Staff> where(String condition, Object... params) {
        var query = em.createNativeQuery("select r.* from recipient r where " + condition + " order by r.id", Recipient.class);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return ((List<Recipient>) query.getResultList()).stream().map(Recipients::staff).toList();
    }

    static Staff staff(Recipient r) {
        return new Staff(r.id, r.name, r.email, r.chatWebhook == null ? null : URI.create(r.chatWebhook),
                Language.of(r.language).orElse(Language.EN), ZoneId.of(r.timeZone),
                r.quietStart == null ? null : new QuietHours(r.quietStart, r.quietEnd));
    }

    private void check(RecipientDefinition definition) {
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, String.join("; ", problems));
        }
        if (definition.chatWebhook() != null) {
            String refusal = outbound.refusal(URI.create(definition.chatWebhook()));
            if (refusal != null) {
                throw ProblemException.unprocessable("chatWebhook: " + refusal);
            }
        }
    }

    private void write(Recipient r, RecipientDefinition d) {
        r.name = d.name().strip();
        r.email = d.email().strip();
        r.chatWebhook = d.chatWebhook();
        r.leadsTeams = d.leadsTeams().stream().map(String::strip).distinct().toArray(String[]::new);
        r.leadsDepartments = d.leadsDepartments().stream().map(String::strip).distinct().toArray(String[]::new);
        r.ownsLevels = d.ownsLevels().stream().sorted().toArray(Integer[]::new);
        r.language = d.language();
        r.timeZone = ZoneId.of(d.timeZone()).getId();
        r.quietStart = d.quietHours() == null ? null : d.quietHours().start();
        r.quietEnd = d.quietHours() == null ? null : d.quietHours().end();
        r.updatedAt = clock.instant();
    }

    private Recipient require(String id) {
        Recipient r = id == null ? null : em.find(Recipient.class, id);
        if (r == null) {
            throw ProblemException.notFound("no recipient '" + id + "'");
        }
        return r;
    }
}
