package io.pledge.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.problem.IfMatch;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.paging.KeyCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Business calendars: stored, changed, and turned into {@link BusinessCalendar}s for the arithmetic. */
@ApplicationScoped
public class Calendars {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** Built calendars by id, with the version they were built from: clocks ask on every tick. */
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    private record Built(int version, BusinessCalendar calendar) {
    }

    /** A stored calendar as the API shows it. */
    public record CalendarView(String id, boolean builtIn, int version, CalendarDefinition definition) {
    }

    /** One page of calendars; {@code nextCursor} is null on the last page. */
    public record Page(List<CalendarView> items, String nextCursor) {
    }

    @Transactional
    public CalendarView create(CalendarDefinition definition) {
        check(definition);
        CalendarEntity entity = new CalendarEntity();
        entity.id = UUID.randomUUID().toString();
        entity.createdAt = clock.instant();
        write(entity, definition);
        em.persist(entity);
        em.flush();
        audit.record("calendar.created", "calendar " + entity.id, entity.name + " (" + entity.timeZone + ")");
        return view(entity);
    }

    @Transactional
    public CalendarView update(String id, Integer ifMatch, CalendarDefinition definition) {
        CalendarEntity entity = require(id);
        if (entity.builtIn) {
            throw ProblemException.conflict("calendar '" + id + "' is built in and cannot be changed; create your own");
        }
        IfMatch.check(ifMatch, entity.version, "calendar '" + id + "'");
        check(definition);
        write(entity, definition);
        em.flush();
        audit.record("calendar.changed", "calendar " + id, entity.name + " (" + entity.timeZone + "), version " + entity.version);
        return view(entity);
    }

    @Transactional
    public void delete(String id) {
        CalendarEntity entity = require(id);
        if (entity.builtIn) {
            throw ProblemException.conflict("calendar '" + id + "' is built in and cannot be deleted");
        }
        em.remove(entity);
        built.remove(id);
        audit.record("calendar.deleted", "calendar " + id, entity.name);
    }

    public CalendarView get(String id) {
        return view(require(id));
    }

    /**
     * A page of calendars, built-in ones first, then by name: those strictly after {@code after}
     * (the cursor of the previous page's last one, or null for the first page).
     */
    public Page list(KeyCursor after, int limit) {
        var query = em.createQuery("from CalendarEntity c"
                + (after == null ? "" : " where (:builtIn = true and c.builtIn = false)"
                + " or (c.builtIn = :builtIn and (c.name > :name or (c.name = :name and c.id > :id)))")
                + " order by c.builtIn desc, c.name, c.id", CalendarEntity.class);
        if (after != null) {
            query.setParameter("builtIn", Boolean.parseBoolean(after.key(0)))
                    .setParameter("name", after.key(1))
                    .setParameter("id", after.key(2));
        }
        List<CalendarEntity> found = query.setMaxResults(limit + 1).getResultList();
        return new Page(found.stream().limit(limit).map(this::view).toList(),
                KeyCursor.next(found, limit, c -> KeyCursor.of(Boolean.toString(c.builtIn), c.name, c.id)));
    }

    /** The calendar to compute with; rebuilt only when its stored version changed. */
    public BusinessCalendar calendar(String id) {
        CalendarEntity entity = require(id);
        Built cached = built.get(id);
        if (cached != null && cached.version() == entity.version) {
            return cached.calendar();
        }
        BusinessCalendar calendar = definitionOf(entity).toCalendar();
        built.put(id, new Built(entity.version, calendar));
        return calendar;
    }

    private CalendarEntity require(String id) {
        CalendarEntity entity = em.find(CalendarEntity.class, id);
        if (entity == null) {
            throw ProblemException.notFound("no calendar '" + id + "'");
        }
        return entity;
    }

    private static void check(CalendarDefinition definition) {
        try {
            definition.toCalendar();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    private void write(CalendarEntity entity, CalendarDefinition definition) {
        entity.name = definition.name();
        entity.timeZone = definition.timeZone();
        try {
            entity.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entity.updatedAt = clock.instant();
    }

    private CalendarDefinition definitionOf(CalendarEntity entity) {
        try {
            return json.readValue(entity.definition, CalendarDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar '" + entity.id + "' is unreadable", e);
        }
    }

    private CalendarView view(CalendarEntity entity) {
        return new CalendarView(entity.id, entity.builtIn, entity.version, definitionOf(entity));
    }
}
