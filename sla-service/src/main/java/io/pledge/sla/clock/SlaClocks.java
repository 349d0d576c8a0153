package io.pledge.sla.clock;

import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockCancelled;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.outbox.Outbox;
import io.pledge.sla.calendar.Calendars;
import io.pledge.sla.clock.ClockTimeline.Phase;
import io.pledge.sla.clock.ClockTimeline.Reading;
import io.pledge.sla.clock.ClockTimeline.Step;
import io.pledge.sla.policy.Policies;
import io.pledge.sla.policy.PolicyDefinition;
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
    Policies policies;

    @Inject
    Calendars calendars;

    @Inject
    Clock clock;

    @Inject
    AppliedEvent applied;

    /** How long an alarm learned late (its instant already past when the event arrived) waits for a correction. */
    @ConfigProperty(name = "sla.alarms.settle", defaultValue = "PT2S")
    Duration settle;

    /** A new ticket: the policy that matches it starts its first-response, periodic-update and resolution clocks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(TicketOpened opened, Instant at) {
        TicketFacts ticket = opened.ticket();
        if (em.find(SlaTicket.class, ticket.ticketId()) != null) {
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
        em.persist(known);
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
        SlaClock next = find(ticket.ticketId(), NEXT_RESPONSE).orElseGet(() -> policyFor(ticket)
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
        find(ticket.ticketId(), metric).ifPresent(c -> {
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
        for (SlaClock c : forTicket(ticket.ticketId())) {
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
        for (SlaClock c : forTicket(ticket.ticketId())) {
            follow(c, ticket);
            if (c.stoppedAt != null) {
                continue; // met, breached or cancelled: judged by the target it ran under
            }
            boolean keep = policies.definition(c.policyId)
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
                c.warningsAnnounced = Math.min(c.warningsAnnounced, thresholdsReached(c, timeline(c), clock.instant()));
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
                    SlaClock clock = find(ticket.ticketId(), target.metric())
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
        find(ticket.ticketId(), RESOLUTION).ifPresent(c -> {
            boolean restart = policies.definition(c.policyId)
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
        SlaTicket known = em.find(SlaTicket.class, ticket.ticketId());
        if (known != null && (!Objects.equals(known.team, ticket.team())
                || !Objects.equals(known.department, ticket.department()))) {
            known.team = ticket.team();
            known.department = ticket.department();
        }
    }

    /** Team and agent follow the ticket, for the supervisor's queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assigned(TicketFacts ticket) {
        forTicket(ticket.ticketId()).forEach(c -> follow(c, ticket));
    }

    public List<SlaClock> forTicket(UUID ticketId) {
        return em.createQuery("from SlaClock c where c.ticketId = :ticket order by c.startedAt, c.metric", SlaClock.class)
                .setParameter("ticket", ticketId)
                .getResultList();
    }

    ClockTimeline timeline(SlaClock c) {
        return new ClockTimeline(marksOf(List.of(c.id)).getOrDefault(c.id, List.of()), calendars.calendar(c.calendarId));
    }

    /** The marks of many clocks in one query (the alarm scan reads a whole batch at once). */
    Map<UUID, List<ClockTimeline.Mark>> marksOf(Collection<UUID> clockIds) {
        return em.createQuery("from SlaClockMark m where m.clockId in :clocks", SlaClockMark.class)
                .setParameter("clocks", clockIds)
                .getResultStream()
                .collect(Collectors.groupingBy(m -> m.clockId,
                        Collectors.mapping(m -> new ClockTimeline.Mark(m.at, m.step, m.seq), Collectors.toList())));
    }

    /**
     * Reads the clock after an event changed it and announces its outcome (a new cycle, met,
     * cancelled, a retraction). Warnings and breaches are left to the alarm scan
     * ({@link #announceDue}), which only sees the clock once the poll that changed it is committed:
     * so every event already received for the ticket is applied before an alarm is announced from
     * them, and a backdated opening followed by its reply never produces a breach. An alarm
     * instant that was already past when the event arrived (the event was backdated or reported
     * late) is held back for {@code sla.alarms.settle}, so that a correction reported right after
     * it reaches the clock first; an alarm that was already scheduled keeps its time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refresh(SlaClock c) {
        refresh(c, clock.instant(), timeline(c), false);
    }

    /** For the alarm scan: reads the clock as of {@code now} and announces every warning and breach whose instant has come. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announceDue(SlaClock c, Instant now, List<ClockTimeline.Mark> marks) {
        refresh(c, now, new ClockTimeline(marks, calendars.calendar(c.calendarId)), true);
    }

    private void refresh(SlaClock c, Instant now, ClockTimeline timeline, boolean scan) {
        Reading reading = timeline.read(now);
        if (reading.phase() == Phase.NOT_STARTED) {
            return;
        }
        if (!Objects.equals(reading.cycleStartedAt(), c.cycleStartedAt)) {
            c.cycleStartedAt = reading.cycleStartedAt();
            c.warningsAnnounced = 0;
            c.breachAnnounced = false;
            c.outcomeAnnounced = null;
            c.stoppedAt = null;
            // a late event may start a cycle that later marks already stopped or paused: its due is still known
            outbox.record(new SlaClockStarted(c.facts(), c.cycleStartedAt,
                    timeline.dueAt(c.targetSeconds)), c.cycleStartedAt);
        }
        Alarms alarms = new Alarms(c, now, scan);
        Instant due = timeline.dueAt(c.targetSeconds);
        Instant previousStop = c.stoppedAt;
        long previousElapsed = c.elapsedSeconds;
        c.elapsedSeconds = reading.elapsedSeconds();
        c.pausedSeconds = reading.pausedSeconds();
        c.stoppedAt = reading.stoppedAt();
        switch (reading.phase()) {
            case RUNNING -> {
                c.dueAt = due;
                retractWarningsNotReached(c, timeline, now, reading);
                announceAlarms(c, timeline, due, alarms);
                c.state = c.breachAnnounced ? SlaClockState.BREACHED : SlaClockState.RUNNING;
            }
            case PAUSED -> {
                c.dueAt = null; // unknown until the clock resumes
                retractWarningsNotReached(c, timeline, now, reading);
                announceBreachBefore(c, timeline, alarms);
                c.state = c.breachAnnounced ? SlaClockState.BREACHED : SlaClockState.PAUSED;
            }
            case STOPPED -> {
                c.dueAt = due;
                retractWarningsNotReached(c, timeline, now, reading);
                announceOutcome(c, due, reading, alarms);
                if (!Objects.equals(previousStop, reading.stoppedAt()) || previousElapsed != reading.elapsedSeconds()) {
                    outbox.record(new SlaClockStopped(c.facts(), c.cycleStartedAt, reading.elapsedSeconds(),
                            reading.elapsedSeconds() <= c.targetSeconds, reading.stoppedAt()), reading.stoppedAt());
                }
            }
            case CANCELLED -> {
                c.dueAt = null;
                announceBreachBefore(c, timeline, alarms);
                c.state = SlaClockState.CANCELLED;
                if (!"CANCELLED".equals(c.outcomeAnnounced)) {
                    c.outcomeAnnounced = "CANCELLED";
                    outbox.record(new SlaClockCancelled(c.facts(), reading.stoppedAt(), "the ticket was closed or no longer times "
                            + c.metric), reading.stoppedAt());
                }
            }
            default -> {
            }
        }
        c.nextAlertAt = alarms.next;
    }

    /**
     * When the scan should look at a clock next. The scan announces what is due at once; after an
     * event, an alarm instant in the past waits for the settle time unless it was scheduled already.
     */
    private final class Alarms {
        private final Instant previous;
        private final Instant now;
        private final boolean scan;
        Instant next;

        Alarms(SlaClock c, Instant now, boolean scan) {
            this.previous = c.nextAlertAt;
            this.now = now;
            this.scan = scan;
        }

        /** Whether an alarm of instant {@code at} is to be announced now; if not, schedules it. */
        boolean announceNow(Instant at) {
            if (at.isAfter(now)) {
                schedule(at);
                return false;
            }
            if (scan) {
                return true;
            }
            Instant settled = now.plus(settle);
            schedule(previous != null && previous.isBefore(settled) ? previous : settled);
            return false;
        }

        private void schedule(Instant at) {
            next = next == null || at.isBefore(next) ? at : next;
        }
    }

    private void announceAlarms(SlaClock c, ClockTimeline timeline, Instant due, Alarms alarms) {
        List<Integer> thresholds = c.thresholds();
        while (c.warningsAnnounced < thresholds.size()) {
            int percent = thresholds.get(c.warningsAnnounced);
            Instant at = timeline.reaches(thresholdSeconds(c, percent));
            if (at == null || !alarms.announceNow(at)) {
                break;
            }
            outbox.record(new SlaWarning(c.facts(), percent, due, at), at);
            c.warningsAnnounced++;
        }
        if (!c.breachAnnounced && due != null) {
            Instant breachedAt = due.plusSeconds(1);
            if (alarms.next == null && alarms.announceNow(breachedAt)) {
                outbox.record(new SlaBreached(c.facts(), due, breachedAt), breachedAt);
                c.breachAnnounced = true;
            }
        }
    }

    /**
     * A paused or cancelled clock that had used up its target before it paused or was cancelled
     * was breached: announced like any breach (after the settle time when learned late), even if
     * the pause or cancellation came in the same poll as the opening.
     */
    private void announceBreachBefore(SlaClock c, ClockTimeline timeline, Alarms alarms) {
        Instant due = timeline.reaches(c.targetSeconds);
        if (!c.breachAnnounced && due != null && alarms.announceNow(due.plusSeconds(1))) {
            outbox.record(new SlaBreached(c.facts(), due, due.plusSeconds(1)), due.plusSeconds(1));
            c.breachAnnounced = true;
        }
    }

    /**
     * A late event (a pause, an earlier stop) can show that a threshold announced as reached was
     * not: each such warning is retracted, latest first, and may be announced again when it is reached.
     */
    private void retractWarningsNotReached(SlaClock c, ClockTimeline timeline, Instant now, Reading reading) {
        List<Integer> thresholds = c.thresholds();
        // a reclassification may have given the clock fewer thresholds than it announced
        c.warningsAnnounced = Math.min(c.warningsAnnounced, thresholds.size());
        while (c.warningsAnnounced > 0) {
            int percent = thresholds.get(c.warningsAnnounced - 1);
            long seconds = thresholdSeconds(c, percent);
            Instant at = timeline.dueAt(seconds);
            boolean reached = reading.phase() == Phase.RUNNING ? at != null && !at.isAfter(now)
                    : reading.elapsedSeconds() >= seconds;
            if (reached) {
                return;
            }
            Instant retractedAt = reading.stoppedAt() != null ? reading.stoppedAt() : now;
            outbox.record(new SlaWarningRetracted(c.facts(), percent, at, reading.elapsedSeconds(), retractedAt,
                    "a late event shows the clock had not used " + percent + " % of its target"), retractedAt);
            c.warningsAnnounced--;
        }
    }

    /** How many of the clock's thresholds its current cycle has reached by {@code now}. */
    private static int thresholdsReached(SlaClock c, ClockTimeline timeline, Instant now) {
        int reached = 0;
        for (int percent : c.thresholds()) {
            Instant at = timeline.reaches(thresholdSeconds(c, percent));
            if (at == null || at.isAfter(now)) {
                break;
            }
            reached++;
        }
        return reached;
    }

    /** Business seconds at which a warning of {@code percent} falls due (rounded up: never early). */
    private static long thresholdSeconds(SlaClock c, int percent) {
        return (c.targetSeconds * percent + 99) / 100;
    }

    private void announceOutcome(SlaClock c, Instant due, Reading reading, Alarms alarms) {
        boolean kept = reading.elapsedSeconds() <= c.targetSeconds;
        if (kept) {
            if (c.breachAnnounced) {
                // a retraction caused by a fact an integration reported late says so (blueprint §6)
                boolean late = applied.reportedLate();
                outbox.record(new SlaBreachRetracted(c.facts(), reading.elapsedSeconds(), reading.stoppedAt(),
                        late ? "a late-reported fact shows the promise was kept" : "a late event shows the promise was kept",
                        late ? Boolean.TRUE : null), reading.stoppedAt());
                c.breachAnnounced = false;
            }
            if (!"MET".equals(c.outcomeAnnounced)) {
                outbox.record(new SlaMet(c.facts(), reading.elapsedSeconds(), reading.stoppedAt()), reading.stoppedAt());
            }
            c.outcomeAnnounced = "MET";
            c.state = SlaClockState.MET;
        } else {
            Instant breachedAt = due.plusSeconds(1);
            if (!c.breachAnnounced && alarms.announceNow(breachedAt)) {
                outbox.record(new SlaBreached(c.facts(), due, breachedAt), breachedAt);
                c.breachAnnounced = true;
            }
            c.outcomeAnnounced = "BREACHED";
            c.state = SlaClockState.BREACHED;
        }
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
        em.persist(c);
        return c;
    }

    private void mark(SlaClock c, Step step, Instant at) {
        SlaClockMark mark = new SlaClockMark();
        mark.clockId = c.id;
        mark.at = at;
        mark.step = step;
        em.persist(mark);
        em.flush(); // the timeline reads marks back from the database
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
        SlaTicket known = em.find(SlaTicket.class, ticket.ticketId());
        List<String> tags = known == null ? List.of() : List.of(known.tags);
        return policies.match(ticket, tags, known == null ? null : known.customerTier);
    }

    private Optional<SlaClock> find(UUID ticketId, String metric) {
        return em.createQuery("from SlaClock c where c.ticketId = :ticket and c.metric = :metric", SlaClock.class)
                .setParameter("ticket", ticketId)
                .setParameter("metric", metric)
                .getResultStream().findFirst();
    }

    private static String thresholds(PolicyDefinition.Target target) {
        return target.warnings().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
