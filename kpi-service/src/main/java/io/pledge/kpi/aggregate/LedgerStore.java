package io.pledge.kpi.aggregate;

import io.pledge.kpi.measure.Cases;
import io.pledge.kpi.measure.CountedAlarm;
import io.pledge.kpi.measure.CountedComplaint;
import io.pledge.kpi.measure.CountedStop;
import io.pledge.kpi.measure.CountedTicket;
import io.pledge.kpi.measure.CountedVisit;
import io.pledge.kpi.measure.Dimension;
import io.pledge.kpi.measure.Ledger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@link Ledger} in the database: {@code kpi_ticket}, {@code kpi_complaint}, {@code kpi_visit},
 * {@code kpi_clock_start}, {@code kpi_clock_alarm} and {@code kpi_clock_stop}. One query per table loads the entries of a
 * batch's cases; one statement per table writes back what the batch changed, rows in id order (so
 * that replicas writing at the same time never wait on each other in a circle).
 */
@ApplicationScoped
public class LedgerStore {

    private static final Comparator<CountedAlarm.Key> ALARM_ORDER =
            Comparator.comparing(CountedAlarm.Key::clockId).thenComparing(CountedAlarm.Key::alarm);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public Ledger load(Ledger.Keys keys) {
        Ledger ledger = new Ledger();
        em.unwrap(Session.class).doWork(connection -> {
            select(connection, """
                    select ticket_id, status, opened_at, opened_in, first_resolved_at, first_resolved_in,
                           first_contact_resolved, reopened, responded_at, response_seconds, responded_in
                    from kpi_ticket where ticket_id = any(?)""", keys.tickets(), r ->
                    ledger.tickets().load(r.getObject(1, UUID.class), new CountedTicket(
                            CountedTicket.Status.valueOf(r.getString(2)), instant(r, 3), dimensions(r.getString(4)),
                            instant(r, 5), dimensions(r.getString(6)), r.getBoolean(7), r.getBoolean(8),
                            instant(r, 9), r.getLong(10), dimensions(r.getString(11)))));
            select(connection, """
                    select complaint_id, registered_at, registered_in, level, resolved_at, resolved_in, followed_up
                    from kpi_complaint where complaint_id = any(?)""", keys.complaints(), r ->
                    ledger.complaints().load(r.getObject(1, UUID.class), new CountedComplaint(instant(r, 2),
                            dimensions(r.getString(3)), r.getInt(4), instant(r, 5), dimensions(r.getString(6)),
                            r.getBoolean(7))));
            select(connection, "select visit_id, requested_at, requested_in, completed from kpi_visit where visit_id = any(?)",
                    keys.visits(), r -> ledger.visits().load(r.getObject(1, UUID.class),
                            new CountedVisit(instant(r, 2), dimensions(r.getString(3)), r.getBoolean(4))));
            select(connection, "select clock_id, started_at from kpi_clock_start where clock_id = any(?)", keys.clocks(),
                    r -> ledger.clockStarts().load(r.getObject(1, UUID.class), instant(r, 2)));
            select(connection, """
                    select clock_id, alarm, raised_at, counted_at, counted_in from kpi_clock_alarm
                    where clock_id = any(?)""", keys.clocks(), r ->
                    ledger.alarms().load(new CountedAlarm.Key(r.getObject(1, UUID.class), r.getString(2)),
                            new CountedAlarm(instant(r, 3), instant(r, 4), dimensions(r.getString(5)))));
            select(connection, "select clock_id, elapsed_seconds, counted_at, counted_in from kpi_clock_stop where clock_id = any(?)",
                    keys.clocks(), r -> ledger.stops().load(r.getObject(1, UUID.class),
                            new CountedStop(r.getLong(2), instant(r, 3), dimensions(r.getString(4)))));
        });
        return ledger;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Ledger ledger) {
        em.unwrap(Session.class).doWork(connection -> {
            write(connection, """
                    insert into kpi_ticket (ticket_id, status, opened_at, opened_in, first_resolved_at, first_resolved_in,
                                            first_contact_resolved, reopened, responded_at, response_seconds, responded_in)
                    select * from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as jsonb[]),
                                         cast(? as timestamptz[]), cast(? as jsonb[]), cast(? as boolean[]),
                                         cast(? as boolean[]), cast(? as timestamptz[]), cast(? as bigint[]),
                                         cast(? as jsonb[]))
                    on conflict (ticket_id) do update set status = excluded.status, opened_at = excluded.opened_at,
                        opened_in = excluded.opened_in, first_resolved_at = excluded.first_resolved_at,
                        first_resolved_in = excluded.first_resolved_in,
                        first_contact_resolved = excluded.first_contact_resolved, reopened = excluded.reopened,
                        responded_at = excluded.responded_at, response_seconds = excluded.response_seconds,
                        responded_in = excluded.responded_in""",
                    byId(ledger.tickets()), List.of(
                            t -> t.status().name(), t -> text(t.openedAt()), t -> text(t.openedIn()),
                            t -> text(t.firstResolvedAt()), t -> text(t.firstResolvedIn()),
                            t -> Boolean.toString(t.firstContactResolved()), t -> Boolean.toString(t.reopened()),
                            t -> text(t.respondedAt()), t -> Long.toString(t.responseSeconds()),
                            t -> text(t.respondedIn())));
            write(connection, """
                    insert into kpi_complaint (complaint_id, registered_at, registered_in, level, resolved_at, resolved_in,
                                               followed_up)
                    select * from unnest(cast(? as uuid[]), cast(? as timestamptz[]), cast(? as jsonb[]), cast(? as int[]),
                                         cast(? as timestamptz[]), cast(? as jsonb[]), cast(? as boolean[]))
                    on conflict (complaint_id) do update set registered_at = excluded.registered_at,
                        registered_in = excluded.registered_in, level = excluded.level,
                        resolved_at = excluded.resolved_at, resolved_in = excluded.resolved_in,
                        followed_up = excluded.followed_up""",
                    byId(ledger.complaints()), List.of(
                            c -> text(c.registeredAt()), c -> text(c.registeredIn()), c -> Integer.toString(c.level()),
                            c -> text(c.resolvedAt()), c -> text(c.resolvedIn()), c -> Boolean.toString(c.followedUp())));
            write(connection, """
                    insert into kpi_visit (visit_id, requested_at, requested_in, completed)
                    select * from unnest(cast(? as uuid[]), cast(? as timestamptz[]), cast(? as jsonb[]),
                                         cast(? as boolean[]))
                    on conflict (visit_id) do update set requested_at = excluded.requested_at,
                        requested_in = excluded.requested_in, completed = excluded.completed""",
                    byId(ledger.visits()), List.of(
                            v -> text(v.requestedAt()), v -> text(v.requestedIn()), v -> Boolean.toString(v.completed())));
            // the first start is kept: a clock's outcomes all count there
            write(connection, """
                    insert into kpi_clock_start (clock_id, started_at)
                    select * from unnest(cast(? as uuid[]), cast(? as timestamptz[]))
                    on conflict do nothing""",
                    byId(ledger.clockStarts()), List.of(LedgerStore::text));
            write(connection, """
                    insert into kpi_clock_stop (clock_id, elapsed_seconds, counted_at, counted_in)
                    select * from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as timestamptz[]),
                                         cast(? as jsonb[]))
                    on conflict (clock_id) do update set elapsed_seconds = excluded.elapsed_seconds,
                        counted_at = excluded.counted_at, counted_in = excluded.counted_in""",
                    byId(ledger.stops()), List.of(
                            c -> Long.toString(c.elapsedSeconds()), c -> text(c.countedAt()), c -> text(c.countedIn())));
            saveAlarms(connection, ledger.alarms());
        });
    }

    private void saveAlarms(Connection connection, Cases<CountedAlarm.Key, CountedAlarm> alarms) throws SQLException {
        TreeMap<CountedAlarm.Key, CountedAlarm> changed = new TreeMap<>(ALARM_ORDER);
        changed.putAll(alarms.changedEntries());
        if (!changed.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into kpi_clock_alarm (clock_id, alarm, raised_at, counted_at, counted_in)
                    select * from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as timestamptz[]),
                                         cast(? as timestamptz[]), cast(? as jsonb[]))
                    on conflict (clock_id, alarm) do update set raised_at = excluded.raised_at,
                        counted_at = excluded.counted_at, counted_in = excluded.counted_in""")) {
                bind(connection, upsert, 1, changed.keySet().stream().map(k -> k.clockId().toString()).toList());
                bind(connection, upsert, 2, changed.keySet().stream().map(CountedAlarm.Key::alarm).toList());
                bind(connection, upsert, 3, changed.values().stream().map(a -> text(a.raisedAt())).toList());
                bind(connection, upsert, 4, changed.values().stream().map(a -> text(a.countedAt())).toList());
                bind(connection, upsert, 5, changed.values().stream().map(a -> text(a.countedIn())).toList());
                upsert.executeUpdate();
            }
        }
        Collection<CountedAlarm.Key> removed = alarms.removed();
        if (!removed.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("""
                    delete from kpi_clock_alarm a using unnest(cast(? as uuid[]), cast(? as text[])) as r(clock_id, alarm)
                    where a.clock_id = r.clock_id and a.alarm = r.alarm""")) {
                bind(connection, delete, 1, removed.stream().map(k -> k.clockId().toString()).toList());
                bind(connection, delete, 2, removed.stream().map(CountedAlarm.Key::alarm).toList());
                delete.executeUpdate();
            }
        }
    }

    private interface RowHandler {
        void handle(ResultSet row) throws SQLException;
    }

    private static void select(Connection connection, String sql, Set<UUID> ids, RowHandler handler) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handler.handle(rows);
                }
            }
        }
    }

    private static <V> TreeMap<UUID, V> byId(Cases<UUID, V> cases) {
        if (!cases.removed().isEmpty()) {
            throw new IllegalStateException("only alarms are ever removed from the ledger");
        }
        return new TreeMap<>(cases.changedEntries());
    }

    /** One statement over arrays: the ids, then one text array per column (cast in the statement). */
    private static <V> void write(Connection connection, String sql, TreeMap<UUID, V> rows,
                                  List<Function<V, String>> columns) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, 1, rows.keySet().stream().map(UUID::toString).toList());
            for (int i = 0; i < columns.size(); i++) {
                bind(connection, statement, i + 2, rows.values().stream().map(columns.get(i)).toList());
            }
            statement.executeUpdate();
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, List<String> values)
            throws SQLException {
        statement.setArray(index, connection.createArrayOf("text", values.toArray()));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private String text(List<Dimension> dimensions) {
        if (dimensions == null) {
            return null;
        }
        try {
            return json.writeValueAsString(dimensions.stream().map(Dimension::toString).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dimensions cannot be written as JSON", e);
        }
    }

    /** "all", or name=value: the value is everything after the first '='. */
    private List<Dimension> dimensions(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Arrays.stream(json.readValue(stored, String[].class))
                    .map(d -> d.equals(Dimension.ALL.toString()) ? Dimension.ALL
                            : new Dimension(d.substring(0, d.indexOf('=')), d.substring(d.indexOf('=') + 1)))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored dimensions are not a JSON array: " + stored, e);
        }
    }
}
