package io.pledge.kpi.measure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventType;
import io.pledge.platform.events.InboundEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What was counted so far for each case a batch of events is about — tickets, complaints, on-site
 * visits, SLA clocks (where each started, its alarms, a first-response clock's stop) — so that {@link EventMeasures} counts
 * each case once and takes back exactly what it counted before. Loaded for a batch, changed as its
 * events are measured, written back with their measures in one transaction.
 *
 * <p>Each kind of case follows the events of one topic and key (a ticket's, a complaint's and a
 * visit's on their ticket's key), which reach kpi-service in order, also in a replay: a rebuild
 * arrives at the same entries and so at the same numbers.
 */
public final class Ledger {

    private final Cases<UUID, CountedTicket> tickets = new Cases<>();
    private final Cases<UUID, CountedComplaint> complaints = new Cases<>();
    private final Cases<UUID, CountedVisit> visits = new Cases<>();
    private final Cases<UUID, Instant> clockStarts = new Cases<>();
    private final Cases<CountedAlarm.Key, CountedAlarm> alarms = new Cases<>();
    private final Cases<UUID, CountedStop> stops = new Cases<>();

    /** The cases some events are about: what to load before measuring them. */
    public record Keys(Set<UUID> tickets, Set<UUID> complaints, Set<UUID> visits, Set<UUID> clocks) {

        /** Ids that cannot be read are left out: such an event fails when measured, and is dead-lettered. */
        public static Keys of(Collection<InboundEvent> events) {
            Keys keys = new Keys(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            for (InboundEvent event : events) {
                JsonNode data = event.data();
                switch (event.type()) {
                    case TICKET_OPENED, TICKET_RESOLVED, TICKET_REOPENED, TICKET_FIRST_RESPONSE ->
                            add(keys.tickets, data.path("ticket").path("ticketId"));
                    case COMPLAINT_REGISTERED, COMPLAINT_ESCALATED, COMPLAINT_ESCALATION_WITHDRAWN, COMPLAINT_RESOLVED,
                         COMPLAINT_FOLLOW_UP_COMPLETED -> add(keys.complaints, data.path("complaintId"));
                    case TICKET_ON_SITE_REQUESTED, TICKET_ON_SITE_COMPLETED -> add(keys.visits, data.path("visitId"));
                    default -> {
                        if (event.type().topic().equals(EventType.SLA_CLOCK_STARTED.topic())) {
                            add(keys.clocks, data.path("clock").path("clockId"));
                        }
                    }
                }
            }
            return keys;
        }

        private static void add(Set<UUID> ids, JsonNode id) {
            try {
                ids.add(UUID.fromString(id.asText("")));
            } catch (IllegalArgumentException e) {
                // not an id: the event is rejected when it is measured
            }
        }
    }

    public Cases<UUID, CountedTicket> tickets() {
        return tickets;
    }

    public Cases<UUID, CountedComplaint> complaints() {
        return complaints;
    }

    public Cases<UUID, CountedVisit> visits() {
        return visits;
    }

    /** Where each SLA clock started: the first start kpi-service saw, which its outcomes count in. */
    public Cases<UUID, Instant> clockStarts() {
        return clockStarts;
    }

    public Cases<CountedAlarm.Key, CountedAlarm> alarms() {
        return alarms;
    }

    /** The stop of each first-response clock as recorded in its business-time distribution. */
    public Cases<UUID, CountedStop> stops() {
        return stops;
    }

    CountedTicket ticket(UUID id) {
        CountedTicket t = tickets.get(id);
        return t == null ? CountedTicket.NONE : t;
    }

    CountedComplaint complaint(UUID id) {
        CountedComplaint c = complaints.get(id);
        return c == null ? CountedComplaint.NONE : c;
    }

    CountedVisit visit(UUID id) {
        CountedVisit v = visits.get(id);
        return v == null ? CountedVisit.NONE : v;
    }

    /** The changes of the event just measured become part of the batch's ledger. */
    public void keep() {
        tickets.keep();
        complaints.keep();
        visits.keep();
        clockStarts.keep();
        alarms.keep();
        stops.keep();
    }

    /** The event just measured cannot be applied: its changes are dropped. */
    public void discard() {
        tickets.discard();
        complaints.discard();
        visits.discard();
        clockStarts.discard();
        alarms.discard();
        stops.discard();
    }
}
