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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * Records the events (each once: a repeat by id is left out) inside the caller's transaction.
     *
     * @param publishedAt each event's Kafka record timestamp, by event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Kept keep(List<InboundEvent> events, Map<String, Instant> publishedAt) {
        List<ReceivedEvent> received = new ArrayList<>();
        List<ReceivedEvent> deliverable = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        for (InboundEvent event : events) {
            JsonNode data = event.data();
            JsonNode ticket = data.path("ticket");
            String sourceSystem = null;
            if (event.is(EventType.TICKET_OPENED)) {
                sourceSystem = data.path("sourceSystem").asText(null);
                if (sourceSystem != null) {
                    em.createNativeQuery("insert into ticket_source (ticket_id, source_system) values (?1, ?2) on conflict do nothing")
                            .setParameter(1, event.subject()).setParameter(2, sourceSystem).executeUpdate();
                    opened.add(event.subject());
                }
            } else {
                sourceSystem = sourceSystemOf(event.subject());
            }
            String announces = event.is(EventType.SURVEY_LINK_ISSUED) ? data.path("announcedEventId").asText() : null;
            boolean announcement = event.is(EventType.SURVEY_SENT) || event.is(EventType.SURVEY_REMINDED);
            JsonNode delivered = data;
            boolean ready = !announcement && announces == null;
            if (announcement) {
                JsonNode link = linkFor(event.id());
                if (link != null) {
                    delivered = withLink(data, link);
                    ready = true;
                }
            }
            Instant published = publishedAt.getOrDefault(event.id(), event.time());
            List<?> seq = em.createNativeQuery("""
                            insert into received_event (event_id, type, subject, occurred_at, published_at, received_at,
                                team, department, category, priority, agent, announces, body, deliverable)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                            on conflict (event_id) do nothing
                            returning seq""")
                    .setParameter(1, event.id()).setParameter(2, event.type().type()).setParameter(3, event.subject())
                    .setParameter(4, event.time()).setParameter(5, published).setParameter(6, clock.instant())
                    .setParameter(7, text(ticket, "team")).setParameter(8, text(ticket, "department"))
                    .setParameter(9, text(ticket, "category")).setParameter(10, text(ticket, "priority"))
                    .setParameter(11, text(ticket, "agent")).setParameter(12, announces)
                    .setParameter(13, body(event, delivered)).setParameter(14, ready)
                    .getResultList();
            if (seq.isEmpty()) {
                continue; // received before (a replay of the topic)
            }
            ReceivedEvent kept = new ReceivedEvent(((Number) seq.get(0)).longValue(), event.id(), event.type().type(),
                    event.subject(), event.time(), published, text(ticket, "team"), text(ticket, "department"),
                    text(ticket, "category"), text(ticket, "priority"), text(ticket, "agent"), sourceSystem, delivered);
            received.add(kept);
            if (ready) {
                deliverable.add(kept);
            } else if (announces != null) {
                announcementCompleted(announces, data.path("link")).ifPresent(deliverable::add);
            }
        }
        return new Kept(received, deliverable, opened);
    }

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

    private String sourceSystemOf(String ticketId) {
        List<?> found = em.createNativeQuery("select source_system from ticket_source where ticket_id = ?1")
                .setParameter(1, ticketId).getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
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
