package io.pledge.notify.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.time.JdbcInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps every event notify-service receives ({@code received_event}), as the structured-mode
 * CloudEvent (CloudEvents HTTP binding, {@code application/cloudevents+json}) that webhook receivers
 * get, and says which of them are ready to be delivered.
 *
 * <p>A survey announcement ({@code survey.sent}, {@code survey.reminded}) carries no link: its link
 * travels on the ACL'd topic {@code pledge.surveys.links} as {@code survey.link-issued}. The two
 * arrive in either order; the announcement becomes deliverable, with the link in its data, once
 * both are here. The link event itself is never delivered.
 */
@ApplicationScoped
public class Journal {

    private static final EventFormat STRUCTURED = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** What one poll's events changed: everything received, and what is now ready for delivery. */
    public record Kept(List<ReceivedEvent> received, List<ReceivedEvent> deliverable, List<String> openedTickets) {
    }

    /**
     * Records the events (each once: a repeat by id is left out) inside the caller's transaction, in
     * a few statements per poll whatever its size (one per event made the consumer a chain of round
     * trips: 4.3 s behind at 20 tickets/s, issue #17).
     *
     * @param publishedAt each event's Kafka record timestamp, by event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Kept keep(List<InboundEvent> events, Map<String, Instant> publishedAt) {
        List<String> opened = new ArrayList<>();
        Map<String, String> sourceOf = sourceSystems(events, opened);
        List<Arrived> arrived = new ArrayList<>();
        for (InboundEvent event : events) {
            JsonNode data = event.data();
            String announces = event.is(EventType.SURVEY_LINK_ISSUED) ? data.path("announcedEventId").asText() : null;
            boolean announcement = event.is(EventType.SURVEY_SENT) || event.is(EventType.SURVEY_REMINDED);
            JsonNode delivered = data;
            boolean ready = !announcement && announces == null;
            if (announcement) {
                // a link polled with its announcement is not stored yet: the link's arrival completes it below
                JsonNode link = linkFor(event.id());
                if (link != null) {
                    delivered = withLink(data, link);
                    ready = true;
                }
            }
            arrived.add(new Arrived(event, announces, delivered, ready, publishedAt.getOrDefault(event.id(), event.time())));
        }
        Map<String, Long> seqOf = insert(arrived);
        List<ReceivedEvent> received = new ArrayList<>();
        List<ReceivedEvent> deliverable = new ArrayList<>();
        for (Arrived a : arrived) {
            Long seq = seqOf.remove(a.event().id()); // removed: an event twice in one poll is kept once
            if (seq == null) {
                continue; // received before (a replay of the topic)
            }
            JsonNode ticket = a.event().data().path("ticket");
            ReceivedEvent kept = new ReceivedEvent(seq, a.event().id(), a.event().type().type(), a.event().subject(),
                    a.event().time(), a.published(), text(ticket, "team"), text(ticket, "department"),
                    text(ticket, "category"), text(ticket, "priority"), text(ticket, "agent"),
                    sourceOf.get(a.event().subject()), a.delivered());
            received.add(kept);
            if (a.ready()) {
                deliverable.add(kept);
            } else if (a.announces() != null) {
                announcementCompleted(a.announces(), a.event().data().path("link")).ifPresent(deliverable::add);
            }
        }
        return new Kept(received, deliverable, opened);
    }

    /** An event of the poll as it is to be recorded. */
    private record Arrived(InboundEvent event, String announces, JsonNode delivered, boolean ready, Instant published) {
    }

    /**
     * The source system of each event's ticket, by ticket id: the poll's openings recorded first (their
     * tickets' ids go into {@code opened}), then all of them read in one query.
     */
    @SuppressWarnings("unchecked")
    private Map<String, String> sourceSystems(List<InboundEvent> events, List<String> opened) {
        List<String> systems = new ArrayList<>();
        for (InboundEvent event : events) {
            String sourceSystem = event.is(EventType.TICKET_OPENED) ? event.data().path("sourceSystem").asText(null) : null;
            if (sourceSystem != null) {
                opened.add(event.subject());
                systems.add(sourceSystem);
            }
        }
        if (!opened.isEmpty()) {
            em.createNativeQuery("""
                            insert into ticket_source (ticket_id, source_system) select * from unnest(?1, ?2)
                            on conflict do nothing""")
                    .setParameter(1, opened.toArray(String[]::new)).setParameter(2, systems.toArray(String[]::new))
                    .executeUpdate();
        }
        String[] tickets = events.stream().map(InboundEvent::subject).distinct().toArray(String[]::new);
        Map<String, String> sourceOf = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                        "select ticket_id, source_system from ticket_source where ticket_id = any(?1)")
                .setParameter(1, tickets).getResultList()) {
            sourceOf.put((String) row[0], (String) row[1]);
        }
        return sourceOf;
    }

    /** Inserts the events not received before, in their order, in one statement: their seq by event id. */
    private Map<String, Long> insert(List<Arrived> arrived) {
        Map<String, Long> seqOf = new HashMap<>();
        if (arrived.isEmpty()) {
            return seqOf;
        }
        Timestamp now = Timestamp.from(clock.instant());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into received_event (event_id, type, subject, occurred_at, published_at, received_at,
                        team, department, category, priority, agent, announces, body, deliverable)
                    select r.id, r.type, r.subject, cast(r.occurred as timestamptz), cast(r.published as timestamptz), ?,
                           r.team, r.department, r.category, r.priority, r.agent, r.announces, r.body, r.deliverable
                    from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as boolean[])) with ordinality
                         as r(id, type, subject, occurred, published, team, department, category, priority, agent,
                              announces, body, deliverable, i)
                    order by r.i
                    on conflict (event_id) do nothing
                    returning seq, event_id""")) {
                insert.setTimestamp(1, now);
                int column = 2;
                for (Function<Arrived, String> value : COLUMNS) {
                    insert.setArray(column++, connection.createArrayOf("text", arrived.stream().map(value).toArray()));
                }
                insert.setArray(column, connection.createArrayOf("boolean", arrived.stream().map(Arrived::ready).toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        seqOf.put(rows.getString(2), rows.getLong(1));
                    }
                }
            }
        });
        return seqOf;
    }

    /** The text columns of {@link #insert}, in its order (instants as ISO text). */
    private static final List<Function<Arrived, String>> COLUMNS = List.of(
            a -> a.event().id(), a -> a.event().type().type(), a -> a.event().subject(),
            a -> a.event().time().toString(), a -> a.published().toString(),
            a -> text(a.event().data().path("ticket"), "team"), a -> text(a.event().data().path("ticket"), "department"),
            a -> text(a.event().data().path("ticket"), "category"), a -> text(a.event().data().path("ticket"), "priority"),
            a -> text(a.event().data().path("ticket"), "agent"), Arrived::announces, a -> body(a.event(), a.delivered()));

    /** The stored CloudEvent of an event, as a receiver gets it. */
    public String bodyOf(long seq) {
        return (String) em.createNativeQuery("select body from received_event where seq = ?1")
                .setParameter(1, seq).getSingleResult();
    }

    private Optional<ReceivedEvent> announcementCompleted(String announcementId, JsonNode link) {
        List<ReceivedEvent> found = rows("where e.event_id = ?1 and not e.deliverable", announcementId);
        if (found.isEmpty()) {
            return Optional.empty(); // the announcement is still on its way; it picks the link up
        }
        ReceivedEvent announcement = found.get(0);
        JsonNode data = withLink(announcement.data(), link);
        String stored = bodyOf(announcement.seq());
        CloudEvent event = STRUCTURED.deserialize(stored.getBytes(StandardCharsets.UTF_8));
        CloudEvent completed = CloudEventBuilder.v1(event).withData(bytes(data)).build();
        em.createNativeQuery("update received_event set body = ?1, deliverable = true where seq = ?2")
                .setParameter(1, new String(STRUCTURED.serialize(completed), StandardCharsets.UTF_8))
                .setParameter(2, announcement.seq()).executeUpdate();
        return Optional.of(new ReceivedEvent(announcement.seq(), announcement.eventId(), announcement.type(),
                announcement.subject(), announcement.occurredAt(), announcement.publishedAt(), announcement.team(),
                announcement.department(), announcement.category(), announcement.priority(), announcement.agent(),
                announcement.sourceSystem(), data));
    }

    private JsonNode linkFor(String announcementId) {
        List<?> bodies = em.createNativeQuery("select body from received_event where announces = ?1")
                .setParameter(1, announcementId).getResultList();
        if (bodies.isEmpty()) {
            return null;
        }
        CloudEvent linkEvent = STRUCTURED.deserialize(((String) bodies.get(0)).getBytes(StandardCharsets.UTF_8));
        return EventCodec.parse(linkEvent.getData().toBytes()).path("link");
    }

    private static JsonNode withLink(JsonNode data, JsonNode link) {
        ObjectNode copy = data.deepCopy();
        copy.set("link", link);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private List<ReceivedEvent> rows(String where, Object... params) {
        var query = em.createNativeQuery("""
                select e.seq, e.event_id, e.type, e.subject, e.occurred_at, e.published_at, e.team, e.department,
                       e.category, e.priority, e.agent, s.source_system, e.body
                from received_event e left join ticket_source s on s.ticket_id = e.subject
                """ + where);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        List<ReceivedEvent> events = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            CloudEvent event = STRUCTURED.deserialize(((String) r[12]).getBytes(StandardCharsets.UTF_8));
            events.add(new ReceivedEvent(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    instant(r[4]), instant(r[5]), (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                    (String) r[10], (String) r[11], EventCodec.parse(event.getData().toBytes())));
        }
        return events;
    }

    private static Instant instant(Object value) {
        return JdbcInstants.of(value);
    }

    private static byte[] bytes(JsonNode data) {
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String body(InboundEvent event, JsonNode data) {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withType(event.type().type())
                .withSubject(event.subject())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataSchema(event.type().dataSchema())
                .withDataContentType("application/json")
                .withData(bytes(data))
                .build();
        return new String(STRUCTURED.serialize(cloudEvent), StandardCharsets.UTF_8);
    }
}
