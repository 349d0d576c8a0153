package io.pledge.sla.clock;

import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.sla.policy.Policies;
import io.pledge.sla.policy.PolicyDefinition;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionScoped;
import org.hibernate.Session;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The clock work of one transaction (a poll) in memory. The tickets, clocks and marks the poll's
 * events touch are read once, up front ({@link #load}); the events then change them in memory, and
 * the new marks are written in one JDBC batch at the end ({@link #write}) — no flush and re-read
 * per mark.
 *
 * <p>The clocks are read {@code FOR UPDATE}, in id order: the alarm scan, which takes due clocks
 * {@code FOR UPDATE SKIP LOCKED}, skips them until the poll commits instead of changing them under
 * it (which failed the whole poll on the clock's {@code @Version}, issue #17), and the poll only
 * ever waits for a scan batch that already holds one of them. Two polls lock in the same order, so
 * they cannot deadlock.
 *
 * <p>Marks keep their database identity: rows of one batch are inserted in the order the events
 * made them, and the clock's lock is held from before the first of them to the commit, so marks of
 * one clock are numbered ({@code seq}) in the order they were made, across polls and replicas —
 * which orders marks of the same instant ({@link ClockTimeline}). Until written, a new mark has a
 * provisional number above every stored one, in the same order.
 */
@TransactionScoped
public class PolledClocks implements Serializable {

    /** Above any identity value the table will reach; only ever compared within one transaction. */
    private static final long PROVISIONAL = 1L << 62;

    @Inject
    EntityManager em;

    @Inject
    Policies policies;

    private final Set<UUID> loaded = new HashSet<>();
    private final Map<UUID, SlaTicket> tickets = new HashMap<>();
    private final Map<UUID, List<SlaClock>> clocks = new HashMap<>();
    private final Map<UUID, List<ClockTimeline.Mark>> marks = new HashMap<>();
    private final List<SlaClockMark> unwritten = new ArrayList<>();
    private long provisional = PROVISIONAL;
    private Policies.InForce inForce;
    private final Map<PolicyKey, Optional<Policies.Applied>> matched = new HashMap<>();

    private record PolicyKey(TicketFacts ticket, List<String> tags, String customerTier) {
    }

    /** Reads, once, what these tickets have: three queries for any number of them. */
    public void load(Collection<UUID> ticketIds) {
        Set<UUID> fresh = new LinkedHashSet<>(ticketIds);
        fresh.removeAll(loaded);
        if (fresh.isEmpty()) {
            return;
        }
        loaded.addAll(fresh);
        em.createQuery("from SlaTicket t where t.ticketId in :tickets", SlaTicket.class)
                .setParameter("tickets", fresh)
                .getResultStream()
                .forEach(t -> tickets.put(t.ticketId, t));
        List<SlaClock> found = em.createQuery("from SlaClock c where c.ticketId in :tickets order by c.id", SlaClock.class)
                .setParameter("tickets", fresh)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (UUID ticket : fresh) {
            clocks.put(ticket, new ArrayList<>());
        }
        for (SlaClock c : found) {
            clocks.get(c.ticketId).add(c);
            marks.put(c.id, new ArrayList<>());
        }
        clocks.values().forEach(PolledClocks::sortAsListed);
        if (!found.isEmpty()) {
            em.createQuery("from SlaClockMark m where m.clockId in :clocks", SlaClockMark.class)
                    .setParameter("clocks", found.stream().map(c -> c.id).toList())
                    .getResultStream()
                    .forEach(m -> marks.get(m.clockId).add(new ClockTimeline.Mark(m.at, m.step, m.seq)));
        }
    }

    /** What sla-service keeps of the ticket, or null for a ticket it has not seen opened. */
    public SlaTicket ticket(UUID ticketId) {
        load(List.of(ticketId));
        return tickets.get(ticketId);
    }

    public void add(SlaTicket ticket) {
        load(List.of(ticket.ticketId));
        em.persist(ticket);
        tickets.put(ticket.ticketId, ticket);
    }

    /** The ticket's clocks, in the order they started (then by metric). */
    public List<SlaClock> clocks(UUID ticketId) {
        load(List.of(ticketId));
        return List.copyOf(clocks.get(ticketId));
    }

    public Optional<SlaClock> clock(UUID ticketId, String metric) {
        return clocks(ticketId).stream().filter(c -> c.metric.equals(metric)).findFirst();
    }

    public void add(SlaClock clock) {
        load(List.of(clock.ticketId));
        em.persist(clock);
        List<SlaClock> ofTicket = clocks.get(clock.ticketId);
        ofTicket.add(clock);
        sortAsListed(ofTicket);
        marks.put(clock.id, new ArrayList<>());
    }

    public List<ClockTimeline.Mark> marks(SlaClock clock) {
        return marks.get(clock.id);
    }

    /** Appends a mark to the clock's timeline; it is written with the others by {@link #write}. */
    public void mark(SlaClock clock, ClockTimeline.Step step, Instant at) {
        SlaClockMark mark = new SlaClockMark();
        mark.clockId = clock.id;
        mark.at = at;
        mark.step = step;
        unwritten.add(mark);
        marks.get(clock.id).add(new ClockTimeline.Mark(at, step, ++provisional));
    }

    /** The first policy that matches the ticket as it is now (asked once per poll for the same facts). */
    public Optional<Policies.Applied> policyFor(TicketFacts ticket) {
        SlaTicket known = ticket(ticket.ticketId());
        List<String> tags = known == null ? List.of() : List.of(known.tags);
        String tier = known == null ? null : known.customerTier;
        return matched.computeIfAbsent(new PolicyKey(ticket, tags, tier), k -> inForce().match(ticket, tags, tier));
    }

    public Optional<PolicyDefinition> definition(String policyId) {
        return inForce().definition(policyId);
    }

    /**
     * The policies as the poll's first ticket found them: read once per poll, not once per new
     * ticket (a round trip each, issue #17). A change to the policies applies from the next poll.
     */
    private Policies.InForce inForce() {
        if (inForce == null) {
            inForce = policies.inForce();
        }
        return inForce;
    }

    /**
     * Writes the poll's new marks, in the order they were made, in one batch. The clocks they
     * belong to are flushed first (a mark references its clock).
     */
    public void write() {
        if (unwritten.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into sla_clock_mark (clock_id, at, step) values (?, ?, ?)")) {
                for (SlaClockMark mark : unwritten) {
                    insert.setObject(1, mark.clockId);
                    insert.setObject(2, OffsetDateTime.ofInstant(mark.at, ZoneOffset.UTC));
                    insert.setString(3, mark.step.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        unwritten.clear();
    }

    private static void sortAsListed(List<SlaClock> ofTicket) {
        ofTicket.sort(Comparator.comparing((SlaClock c) -> c.startedAt).thenComparing(c -> c.metric));
    }
}
