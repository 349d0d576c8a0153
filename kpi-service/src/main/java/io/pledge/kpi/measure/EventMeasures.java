package io.pledge.kpi.measure;

import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintAcknowledged;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.complaint.ComplaintResolved;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.survey.SurveyExpired;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.kpi.aggregate.Dimension;
import io.pledge.platform.events.InboundEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What each event contributes to the KPIs: the base counters and distributions the KPI catalogue
 * computes from. Pure: given an event (and where SLA clocks started), the measures.
 *
 * <p>Which bucket a measure counts in: ticket, call and complaint facts in the bucket of their event
 * time; an SLA outcome (met, breached, a breach retracted) in the bucket where its clock started, so
 * a late correction changes the bucket the breach was counted in; a survey's satisfaction scores in
 * the bucket of the ticket's resolution (the service being judged), its response in the bucket of
 * the invitation (response rate = answered of sent), and {@code surveys.answered} on the day of the
 * answer.
 */
public final class EventMeasures {

    /** A call answered within this counts towards the phone service level (blueprint §5: 30 s). */
    public static final Duration SERVICE_LEVEL = Duration.ofSeconds(30);
    /**
     * +1 when a ticket opens or reopens, -1 when it is resolved: summed up to a bucket's end, the
     * backlog. Per team or agent it follows the ticket's facts at each event, so a ticket moved
     * between teams before its resolution leaves one count behind in the first team.
     */
    public static final String OPEN_CHANGE = "tickets.open-change";

    /** Counters of closed complaints per root cause: this prefix, then the cause in lower case, e.g. {@code …training-gap}. */
    public static final String ROOT_CAUSE = "complaints.root-cause.";
    /** Resolved within this counts as "solved within 24 h" (seed 003: 80 %). */
    public static final Duration WITHIN_A_DAY = Duration.ofHours(24);

    private EventMeasures() {
    }

    /**
     * @param clockStart where the SLA clock with that id started, if kpi-service saw it start
     */
    public static List<Measure> of(InboundEvent event, Function<UUID, Optional<Instant>> clockStart) {
        Instant at = event.time();
        List<Measure> m = new ArrayList<>();
        switch (event.type()) {
            case TICKET_OPENED -> {
                List<Dimension> d = dimensionsOf(event.dataAs(TicketOpened.class).ticket());
                m.add(Measure.count("tickets.opened", d, at));
                m.add(Measure.count(OPEN_CHANGE, d, at));
            }
            case TICKET_RESOLVED -> {
                TicketResolved r = event.dataAs(TicketResolved.class);
                List<Dimension> d = dimensionsOf(r.ticket());
                m.add(Measure.count("tickets.resolved", d, at));
                m.add(Measure.uncount(OPEN_CHANGE, d, at));
                Duration took = Duration.between(r.openedAt(), r.resolvedAt());
                m.add(Measure.observe("resolution.time", d, at, Math.max(0, took.toSeconds())));
                if (took.compareTo(WITHIN_A_DAY) <= 0) {
                    m.add(Measure.count("tickets.resolved-within-24h", d, at));
                }
                if (r.agentReplies() <= 1 && r.reopenCount() == 0) {
                    m.add(Measure.count("tickets.first-contact-resolved", d, at));
                }
            }
            case TICKET_REOPENED -> {
                List<Dimension> d = dimensionsOf(event.dataAs(TicketReopened.class).ticket());
                m.add(Measure.count("tickets.reopened", d, at));
                m.add(Measure.count(OPEN_CHANGE, d, at));
            }
            case TICKET_CLOSED -> m.add(Measure.count("tickets.closed", dimensionsOf(event.dataAs(TicketClosed.class).ticket()), at));
            case TICKET_FIRST_RESPONSE -> {
                FirstResponse f = event.dataAs(FirstResponse.class);
                m.add(Measure.observe("first-response.time", dimensionsOf(f.ticket()), f.openedAt(),
                        Math.max(0, Duration.between(f.openedAt(), f.respondedAt()).toSeconds())));
            }
            case CALL_ANSWERED -> {
                CallAnswered c = event.dataAs(CallAnswered.class);
                List<Dimension> d = dimensionsOf(c.ticket());
                m.add(Measure.count("calls.answered", d, c.offeredAt()));
                m.add(Measure.observe("calls.wait", d, c.offeredAt(), c.waitSeconds()));
                if (c.waitSeconds() <= SERVICE_LEVEL.toSeconds()) {
                    m.add(Measure.count("calls.answered-in-service-level", d, c.offeredAt()));
                }
            }
            case CALL_ABANDONED -> m.add(Measure.count("calls.abandoned", List.of(Dimension.ALL),
                    event.dataAs(CallAbandoned.class).offeredAt()));
            case SLA_WARNING -> {
                SlaWarning w = event.dataAs(SlaWarning.class);
                m.add(Measure.count("sla.warnings", dimensionsOf(w.clock()), at));
            }
            case SLA_MET -> {
                SlaMet met = event.dataAs(SlaMet.class);
                Instant bucket = clockStart.apply(met.clock().clockId()).orElse(at);
                List<Dimension> d = dimensionsOf(met.clock());
                m.add(Measure.count("sla.met", d, bucket));
                m.add(Measure.count("sla.met." + metricName(met.clock()), d, bucket));
                if ("FIRST_RESPONSE".equals(met.clock().metric())) {
                    m.add(Measure.observe("first-response.business-time", d, bucket, met.elapsedSeconds()));
                }
            }
            case SLA_BREACHED -> {
                SlaBreached b = event.dataAs(SlaBreached.class);
                Instant bucket = clockStart.apply(b.clock().clockId()).orElse(at);
                List<Dimension> d = dimensionsOf(b.clock());
                m.add(Measure.count("sla.breached", d, bucket));
                m.add(Measure.count("sla.breached." + metricName(b.clock()), d, bucket));
            }
            case SLA_BREACH_RETRACTED -> {
                // the corrected outcome follows as sla.met; the breach counted before is taken back
                SlaBreachRetracted r = event.dataAs(SlaBreachRetracted.class);
                Instant bucket = clockStart.apply(r.clock().clockId()).orElse(at);
                List<Dimension> d = dimensionsOf(r.clock());
                m.add(Measure.uncount("sla.breached", d, bucket));
                m.add(Measure.uncount("sla.breached." + metricName(r.clock()), d, bucket));
            }
            case SURVEY_SENT -> m.add(Measure.count("surveys.sent", dimensionsOf(event.dataAs(SurveySent.class).ticket()),
                    event.dataAs(SurveySent.class).sentAt()));
            case SURVEY_EXPIRED -> m.add(Measure.count("surveys.expired",
                    dimensionsOf(event.dataAs(SurveyExpired.class).ticket()), at));
            case SURVEY_COMPLETED -> surveyMeasures(event.dataAs(SurveyCompleted.class), at, m);
            case COMPLAINT_REGISTERED -> {
                ComplaintRegistered r = event.dataAs(ComplaintRegistered.class);
                List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL, new Dimension("channel", r.channel().name()),
                        new Dimension("priority", r.priority().name())));
                addIfKnown(d, "team", r.team());
                addIfKnown(d, "agent", r.agent());
                addIfKnown(d, "department", r.department());
                m.add(Measure.count("complaints.registered", d, r.registeredAt()));
            }
            case COMPLAINT_ACKNOWLEDGED -> {
                ComplaintAcknowledged a = event.dataAs(ComplaintAcknowledged.class);
                List<Dimension> d = dimensionsOf(a.ticket());
                m.add(Measure.count("complaints.acknowledged", d, at));
                if (!a.acknowledgedAt().isAfter(a.acknowledgeBy())) {
                    m.add(Measure.count("complaints.acknowledged-in-time", d, at));
                }
            }
            case COMPLAINT_ESCALATED -> {
                ComplaintEscalated e = event.dataAs(ComplaintEscalated.class);
                List<Dimension> d = dimensionsOf(e.ticket());
                m.add(Measure.count("complaints.escalated", d, at));
                m.add(Measure.count("complaints.escalated.l" + e.level(), d, at));
            }
            case COMPLAINT_RESOLVED -> m.add(Measure.count("complaints.resolved",
                    dimensionsOf(event.dataAs(ComplaintResolved.class).ticket()), at));
            case COMPLAINT_FOLLOW_UP_COMPLETED -> {
                ComplaintFollowUpCompleted f = event.dataAs(ComplaintFollowUpCompleted.class);
                List<Dimension> d = dimensionsOf(f.ticket());
                m.add(Measure.count("complaints.follow-ups", d, at));
                if (f.followUpDue() != null && !f.completedAt().isAfter(f.followUpDue())) {
                    m.add(Measure.count("complaints.follow-ups-in-time", d, at));
                }
            }
            case COMPLAINT_CLOSED -> {
                ComplaintClosed c = event.dataAs(ComplaintClosed.class);
                m.add(Measure.count("complaints.closed", dimensionsOf(c.ticket()), at));
                m.add(Measure.count(ROOT_CAUSE + c.rootCause().toLowerCase(Locale.ROOT).replace('_', '-'),
                        dimensionsOf(c.ticket()), at));
            }
            default -> {
                // assignments, replies, status changes... and KPI snapshots measure nothing
            }
        }
        return m;
    }

    private static void surveyMeasures(SurveyCompleted s, Instant answeredAt, List<Measure> m) {
        List<Dimension> d = dimensionsOf(s.ticket());
        Instant served = s.resolvedAt() != null ? s.resolvedAt() : answeredAt;
        m.add(Measure.count("surveys.answered", d, answeredAt));
        m.add(Measure.count("surveys.answered-of-sent", d, s.sentAt() != null ? s.sentAt() : answeredAt));
        if (s.csat() != null) {
            m.add(Measure.count("surveys.csat-answered", d, served));
            if ("SATISFIED".equals(s.csatClass())) {
                m.add(Measure.count("surveys.csat-satisfied", d, served));
            }
        }
        if (s.nps() != null) {
            m.add(Measure.count("surveys.nps-answered", d, served));
            if ("PROMOTER".equals(s.npsClass())) {
                m.add(Measure.count("surveys.nps-promoters", d, served));
            } else if ("DETRACTOR".equals(s.npsClass())) {
                m.add(Measure.count("surveys.nps-detractors", d, served));
            }
        }
        if (s.ces() != null) {
            m.add(Measure.observe("surveys.ces", d, served, s.ces() * 100L));
        }
        if (s.weightedScore() != null) {
            m.add(Measure.observe("surveys.weighted-score", d, served, Math.round(s.weightedScore() * 100)));
        }
        if (s.unsatisfied()) {
            m.add(Measure.count("surveys.unsatisfied", d, served));
        }
    }

    private static String metricName(SlaClockFacts clock) {
        return clock.metric().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** all, channel, category, priority, and team, agent and department where known. */
    public static List<Dimension> dimensionsOf(TicketFacts ticket) {
        List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL,
                new Dimension("channel", ticket.channel().name()),
                new Dimension("category", ticket.category().name()),
                new Dimension("priority", ticket.priority().name())));
        addIfKnown(d, "team", ticket.team());
        addIfKnown(d, "agent", ticket.agent());
        addIfKnown(d, "department", ticket.department());
        return d;
    }

    private static List<Dimension> dimensionsOf(SlaClockFacts clock) {
        List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL,
                new Dimension("channel", clock.channel().name()),
                new Dimension("category", clock.category().name()),
                new Dimension("priority", clock.priority().name())));
        addIfKnown(d, "team", clock.team());
        addIfKnown(d, "agent", clock.agent());
        return d;
    }

    private static void addIfKnown(List<Dimension> d, String name, String value) {
        if (value != null && !value.isBlank() && !value.contains("=") && !value.contains("/")) {
            d.add(new Dimension(name, value));
        }
    }
}
