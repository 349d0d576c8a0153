package io.pledge.sla.clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.outbox.Outbox;
import io.pledge.sla.calendar.Calendars;
import io.pledge.sla.clock.ClockTimeline.Step;
import io.pledge.sla.policy.Policies;
import io.pledge.sla.policy.PolicyDefinition;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts, pauses, resumes and stops clocks as ticket events arrive, and announces what the clocks
 * say — each warning, breach and outcome once per cycle, corrected when a late event changes it.
 * Events work on the transaction's clocks in memory ({@link PolledClocks}); what a clock announces
 * is decided by {@link ClockAnnouncer} and recorded here in the outbox.
 */
@ApplicationScoped
public class SlaClocks {

    static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    static final String NEXT_RESPONSE = "NEXT_RESPONSE";
    static final String RESOLUTION = "RESOLUTION";
    static final String PERIODIC_UPDATE = "PERIODIC_UPDATE";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Calendars calendars;

    @Inject
    Clock clock;

    @Inject
    AppliedEvent applied;

    @Inject
    PolledClocks work;

    @Inject
    MeterRegistry registry;

    /** How long an alarm learned late (its instant already past when the event arrived) waits for a correction. */
    @ConfigProperty(name = "sla.alarms.settle", defaultValue = "PT2S")
    Duration settle;

    private ClockAnnouncer announcer;

    /**
     * How late the alarm scan records a {@code sla.breached} after it was due to: the breach's
     * instant, or for a breach learned late (its instant already past when the event arrived) the
     * arrival plus {@code sla.alarms.settle} — what the scan can be held to (issue #17: p99 within
     * 1 s; the operators' alert at 5 s). A late-learned breach's distance from its instant is the
     * integration's lateness, not the scan's.
     */
    private Timer breachAnnouncementDelay;

    @PostConstruct
    void init() {
        announcer = new ClockAnnouncer(settle);
        breachAnnouncementDelay = Timer.builder("pledge.sla.breach.announcement.delay")
                .description("From when the alarm scan was due to announce a breach to its recording")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5)) // exact buckets for the target and the alert
                .register(registry);
    }

    /** A new ticket: the policy that matches it starts its first-response, periodic-update and resolution clocks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(TicketOpened opened, Instant at) {
        TicketFacts ticket = opened.ticket();
        if (work.ticket(ticket.ticketId()) != null) {
            return; // the same ticket announced twice (a different event id): nothing new
        }
        SlaTicket known = new SlaTicket();
        known.ticketId = ticket.ticketId();
        known.customerTier = opened.customerTier();
        known.tags = opened.tags() == null ? new String[0] : opened.tags().toArray(String[]::new);
        known.openedAt = opened.openedAt();
        known.team = ticket.team();
        known.department = ticket.department();
        known.sourceSystem = opened.sourceSystem();
        work.add(known);
        policyFor(ticket).ifPresent(policy -> {
            for (String metric : List.of(FIRST_RESPONSE, PERIODIC_UPDATE, RESOLUTION)) {
                PolicyDefinition.Target target = policy.definition().target(metric);
                if (target != null) {
                    mark(create(ticket, policy.id(), target, at), Step.START, at);
                }
            }
        });
    }

    /** A customer's message awaits a reply: the next-response clock starts (or keeps its earlier start). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerWrote(TicketFacts ticket, Instant at) {
        SlaClock next = work.clock(ticket.ticketId(), NEXT_RESPONSE).orElseGet(() -> policyFor(ticket)
                .map(policy -> {
                    PolicyDefinition.Target target = policy.definition().target(NEXT_RESPONSE);
                    return target == null ? null : create(ticket, policy.id(), target, at);
                }).orElse(null));
        if (next != null) {
            mark(next, Step.START, at);
        }
    }

    /** Applies {@code step} at {@code at} to the ticket's clock for {@code metric}, if it has one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void step(TicketFacts ticket, String metric, Step step, Instant at) {
        work.clock(ticket.ticketId(), metric).ifPresent(c -> {
            follow(c, ticket);
            mark(c, step, at);
        });
    }

    /**
     * A public agent update: the periodic-update promise is kept for this period (the cycle stops)
     * and the next period starts at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void agentUpdated(TicketFacts ticket, Instant at) {
        step(ticket, PERIODIC_UPDATE, Step.STOP, at);
        step(ticket, PERIODIC_UPDATE, Step.START, at);
    }

    /** The working status changed: a pausing status pauses resolution and periodic updates, leaving one resumes them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(TicketFacts ticket, io.pledge.contracts.ticket.TicketStatus previous, Instant at) {
        var pausing = policyFor(ticket).map(p -> p.definition().pausing()).orElse(PolicyDefinition.DEFAULT_PAUSE_STATUSES);
        for (String metric : List.of(RESOLUTION, PERIODIC_UPDATE)) {
            if (pausing.contains(ticket.status())) {
                step(ticket, metric, Step.PAUSE, at);
            } else if (pausing.contains(previous)) {
                step(ticket, metric, Step.RESUME, at);
            }
        }
    }

    /** The ticket is closed: whatever still runs or waits no longer applies. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closed(TicketFacts ticket, Instant at) {
        for (SlaClock c : work.clocks(ticket.ticketId())) {
            if (c.state == SlaClockState.RUNNING || c.state == SlaClockState.PAUSED
                    || (c.state == SlaClockState.BREACHED && c.stoppedAt == null)) {
                mark(c, Step.CANCEL, at);
            }
        }
    }

    /**
     * New priority or category. Unless the clock's policy says KEEP, the policy is chosen again; a
     * running (or paused) clock keeps its start and gets the new policy's target, or is cancelled
     * when the new policy does not time its metric. A stopped clock keeps the outcome it had.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reclassified(TicketFacts ticket, Instant at) {
        var policy = policyFor(ticket);
        for (SlaClock c : work.clocks(ticket.ticketId())) {
            follow(c, ticket);
            if (c.stoppedAt != null) {
                continue; // met, breached or cancelled: judged by the target it ran under
            }
            boolean keep = work.definition(c.policyId)
                    .map(d -> d.reclassifying() == PolicyDefinition.OnReclassify.KEEP).orElse(false);
            if (keep) {
                continue;
            }
            PolicyDefinition.Target target = policy.map(p -> p.definition().target(c.metric)).orElse(null);
            if (target == null) {
                mark(c, Step.CANCEL, at);
                continue;
            }
            List<Integer> announcedUnder = c.thresholds();
            c.policyId = policy.get().id();
            c.targetSeconds = target.duration().toSeconds();
            c.calendarId = target.calendarId();
            c.warningThresholds = thresholds(target);
            if (!announcedUnder.equals(c.thresholds())) {
                // the warnings told count as the new thresholds already reached, so none is told twice or taken back
                c.warningsAnnounced = Math.min(c.warningsAnnounced,
                        ClockAnnouncer.thresholdsReached(c, timeline(c, work.marks(c)), clock.instant()));
            }
            refresh(c);
        }
    }

    /**
     * Custom milestones of the ticket's policy: an event of a type the milestone names starts,
     * stops, pauses or resumes it, at the event's time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void milestones(TicketFacts ticket, String eventType, Instant at) {
        policyFor(ticket).ifPresent(policy -> {
            for (PolicyDefinition.Target target : policy.definition().targets()) {
                if (!target.isMilestone()) {
                    continue;
                }
                if (eventType.equals(target.startOn())) {
                    SlaClock clock = work.clock(ticket.ticketId(), target.metric())
                            .orElseGet(() -> create(ticket, policy.id(), target, at));
                    mark(clock, Step.START, at);
                } else if (target.stops().contains(eventType)) {
                    step(ticket, target.metric(), Step.STOP, at);
                } else if (target.pauses().contains(eventType)) {
                    step(ticket, target.metric(), Step.PAUSE, at);
                } else if (target.resumes().contains(eventType)) {
                    step(ticket, target.metric(), Step.RESUME, at);
                } else if (target.cancels().contains(eventType)) {
                    step(ticket, target.metric(), Step.CANCEL, at);
                }
            }
        });
    }

    /** A resolved ticket reopened: its resolution clock resumes, or restarts if its policy says so; updates are owed again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(TicketFacts ticket, Instant at) {
        work.clock(ticket.ticketId(), RESOLUTION).ifPresent(c -> {
            boolean restart = work.definition(c.policyId)
                    .map(d -> d.reopening() == PolicyDefinition.OnReopen.RESTART).orElse(false);
            follow(c, ticket);
            mark(c, restart ? Step.START : Step.RESUME, at);
        });
        step(ticket, PERIODIC_UPDATE, Step.START, at);
    }

    /**
     * Where the ticket belongs follows its latest event (an assignment, a transfer), so that access
     * to its clocks and the at-risk queue go by its current team and department.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void belongs(TicketFacts ticket) {
        SlaTicket known = work.ticket(ticket.ticketId());
        if (known != null && (!Objects.equals(known.team, ticket.team())
                || !Objects.equals(known.department, ticket.department()))) {
            known.team = ticket.team();
            known.department = ticket.department();
        }
    }

    /** Team and agent follow the ticket, for the supervisor's queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(TicketFacts ticket) {
        work.clocks(ticket.ticketId()).forEach(c -> follow(c, ticket));
    }

    /**
     * Reads the clocks of many tickets, and their marks, for the transaction (a poll) that applies
     * events to them: one query each, whatever the number of tickets ({@link PolledClocks}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void load(Collection<UUID> ticketIds) {
        work.load(ticketIds);
    }

    /** Writes what the transaction's events did to the clocks that is not written yet (their new marks). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write() {
        work.write();
    }

    /** The ticket's clocks as stored, for reading (the API). */
    public List<SlaClock> forTicket(UUID ticketId) {
        return em.createQuery("from SlaClock c where c.ticketId = :ticket order by c.startedAt, c.metric", SlaClock.class)
                .setParameter("ticket", ticketId)
                .getResultList();
    }

    /** The clock's timeline as stored, for reading (the API). */
    ClockTimeline timeline(SlaClock c) {
        return timeline(c, marksOf(List.of(c.id)).getOrDefault(c.id, List.of()));
    }

    private ClockTimeline timeline(SlaClock c, List<ClockTimeline.Mark> marks) {
        return new ClockTimeline(marks, calendars.calendar(c.calendarId));
    }

    /** The marks of many clocks in one query (the alarm scan reads a whole batch at once). */
    Map<UUID, List<ClockTimeline.Mark>> marksOf(Collection<UUID> clockIds) {
        return em.createQuery("from SlaClockMark m where m.clockId in :clocks", SlaClockMark.class)
                .setParameter("clocks", clockIds)
                .getResultStream()
                .collect(Collectors.groupingBy(m -> m.clockId,
                        Collectors.mapping(m -> new ClockTimeline.Mark(m.at, m.step, m.seq), Collectors.toList())));
    }

    /** Reads the clock after an event changed it and records what it announces (see {@link ClockAnnouncer}). */
    private void refresh(SlaClock c) {
        record(announcer.announce(c, timeline(c, work.marks(c)), clock.instant(), false, applied.reportedLate()));
    }

    /** For the alarm scan: reads the clock as of {@code now} and announces every warning and breach whose instant has come. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announceDue(SlaClock c, Instant now, List<ClockTimeline.Mark> marks) {
        Instant due = c.nextAlertAt;
        List<ClockAnnouncer.Announcement> announcements = announcer.announce(c, timeline(c, marks), now, true, false);
        record(announcements);
        if (due != null && announcements.stream().anyMatch(a -> a.event() instanceof SlaBreached)) {
            breachAnnouncementDelay.record(Duration.between(due, clock.instant()));
        }
    }

    private void record(List<ClockAnnouncer.Announcement> announcements) {
        announcements.forEach(a -> outbox.record(a.event(), a.at()));
    }

    private SlaClock create(TicketFacts ticket, String policyId, PolicyDefinition.Target target, Instant at) {
        SlaClock c = new SlaClock();
        c.id = UUID.randomUUID();
        c.ticketId = ticket.ticketId();
        c.metric = target.metric();
        c.policyId = policyId;
        c.targetSeconds = target.duration().toSeconds();
        c.calendarId = target.calendarId();
        c.warningThresholds = thresholds(target);
        c.startedAt = at;
        c.state = SlaClockState.RUNNING;
        c.channel = ticket.channel();
        c.category = ticket.category();
        c.priority = ticket.priority();
        c.team = ticket.team();
        c.agent = ticket.agent();
        work.add(c);
        return c;
    }

    private void mark(SlaClock c, Step step, Instant at) {
        work.mark(c, step, at);
        refresh(c);
    }

    private static void follow(SlaClock c, TicketFacts ticket) {
        c.channel = ticket.channel();
        c.category = ticket.category();
        c.priority = ticket.priority();
        c.team = ticket.team();
        c.agent = ticket.agent();
    }

    private Optional<Policies.Applied> policyFor(TicketFacts ticket) {
        return work.policyFor(ticket);
    }

    private static String thresholds(PolicyDefinition.Target target) {
        return target.warnings().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
