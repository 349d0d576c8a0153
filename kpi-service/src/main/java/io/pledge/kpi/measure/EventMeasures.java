package io.pledge.kpi.measure;

import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintAcknowledged;
import io.pledge.contracts.complaint.ComplaintClosed;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.contracts.complaint.ComplaintFollowUpCompleted;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.complaint.ComplaintResolved;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.survey.SurveyExpired;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.TicketClosed;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.platform.events.InboundEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each event contributes to the KPIs: the base counters and distributions the KPI catalogue
 * computes from. Pure: given an event and the {@link Ledger} of what was counted for its case
 * before, the measures (and the ledger's new entries).
 *
 * <p>Where a KPI counts things — tickets, complaints, visits, SLA clock cycles — each counts once,
 * and a correction takes back exactly what was counted, in the bucket and for the dimensions it was
 * counted in. Which bucket a measure counts in:
 * <ul>
 * <li>a ticket's opening, and whether it is resolved now (resolution rate), where it was opened;
 *     its first resolution — resolved, within 24 h, at first contact, reopened since — where it was
 *     first resolved; its first response where it was opened; the backlog at each opening,
 *     reopening and resolution;</li>
 * <li>calls where they were offered;</li>
 * <li>an SLA outcome (met, breached, a breach retracted) and how long a first-response clock ran
 *     where the clock started, a warning (and its retraction) where it was raised;</li>
 * <li>a complaint's escalation where the complaint was registered; a follow-up visit where the
 *     resolution it follows was accepted; other complaint facts at their event time;</li>
 * <li>an on-site visit's request, and whether it was completed the same day, where it was
 *     requested; its completion when it was completed;</li>
 * <li>a survey's satisfaction scores where the ticket was resolved (the service being judged), its
 *     answer towards the response rate where it was sent, and {@code surveys.answered} on the day of
 *     the answer.</li>
 * </ul>
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

    private EventMeasures() {
    }

    /**
     * @param ledger what was counted before for the cases the event is about; gets its changes
     *               (pending until the caller keeps them)
     * @param zone the business time zone (an on-site visit completed "the same day" is a local day there)
     */
    public static List<Measure> of(InboundEvent event, Ledger ledger, ZoneId zone) {
        Instant at = event.time();
        List<Measure> m = new ArrayList<>();
        switch (event.type()) {
            case TICKET_OPENED -> TicketMeasures.opened(event.dataAs(TicketOpened.class), at, ledger, m);
            case TICKET_RESOLVED -> TicketMeasures.resolved(event.dataAs(TicketResolved.class), at, ledger, m);
            case TICKET_REOPENED -> TicketMeasures.reopened(event.dataAs(TicketReopened.class), at, ledger, m);
            // a ticket is closed once: closing is final
            case TICKET_CLOSED -> m.add(Measure.count("tickets.closed", dimensionsOf(event.dataAs(TicketClosed.class).ticket()), at));
            case TICKET_FIRST_RESPONSE -> TicketMeasures.firstResponse(event.dataAs(FirstResponse.class), ledger, m);
            case TICKET_ON_SITE_REQUESTED -> VisitMeasures.requested(event.dataAs(OnSiteRequested.class), ledger, m);
            case TICKET_ON_SITE_COMPLETED -> VisitMeasures.completed(event.dataAs(OnSiteCompleted.class), ledger, zone, m);
            case CALL_ANSWERED -> {
                CallAnswered c = event.dataAs(CallAnswered.class);
                List<Dimension> d = dimensionsOf(c.ticket());
                m.add(Measure.count("calls.answered", d, c.offeredAt()));
                m.add(Measure.observe("calls.wait", d, c.offeredAt(), c.waitSeconds()));
                if (c.waitSeconds() <= SERVICE_LEVEL.toSeconds()) {
                    m.add(Measure.count("calls.answered-in-service-level", d, c.offeredAt()));
                }
            }
            case CALL_ABANDONED -> {
                // no ticket: the queue's team, the agent it rang at and their department, as the phone system said
                CallAbandoned c = event.dataAs(CallAbandoned.class);
                List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL, new Dimension("channel", Channel.PHONE.name())));
                addIfKnown(d, "team", c.team());
                addIfKnown(d, "agent", c.agent());
                addIfKnown(d, "department", c.department());
                m.add(Measure.count("calls.abandoned", d, c.offeredAt()));
            }
            case SLA_CLOCK_STARTED -> SlaMeasures.started(event.dataAs(SlaClockStarted.class), ledger);
            case SLA_WARNING -> SlaMeasures.warned(event.dataAs(SlaWarning.class), ledger, m);
            case SLA_WARNING_RETRACTED -> SlaMeasures.warningRetracted(event.dataAs(SlaWarningRetracted.class), ledger, m);
            case SLA_MET -> SlaMeasures.met(event.dataAs(SlaMet.class), at, ledger, m);
            case SLA_CLOCK_STOPPED -> SlaMeasures.stopped(event.dataAs(SlaClockStopped.class), ledger, m);
            case SLA_BREACHED -> SlaMeasures.breached(event.dataAs(SlaBreached.class), at, ledger, m);
            case SLA_BREACH_RETRACTED -> SlaMeasures.breachRetracted(event.dataAs(SlaBreachRetracted.class), ledger, m);
            case SURVEY_SENT -> m.add(Measure.count("surveys.sent", dimensionsOf(event.dataAs(SurveySent.class).ticket()),
                    event.dataAs(SurveySent.class).sentAt()));
            case SURVEY_EXPIRED -> m.add(Measure.count("surveys.expired",
                    dimensionsOf(event.dataAs(SurveyExpired.class).ticket()), at));
            case SURVEY_COMPLETED -> surveyMeasures(event.dataAs(SurveyCompleted.class), at, m);
            case COMPLAINT_REGISTERED -> ComplaintMeasures.registered(event.dataAs(ComplaintRegistered.class), ledger, m);
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
                ComplaintMeasures.atLevel(e.complaintId(), e.level(), ledger, m);
            }
            case COMPLAINT_ESCALATION_WITHDRAWN -> {
                ComplaintEscalationWithdrawn w = event.dataAs(ComplaintEscalationWithdrawn.class);
                ComplaintMeasures.atLevel(w.complaintId(), w.level(), ledger, m);
            }
            case COMPLAINT_RESOLVED -> ComplaintMeasures.resolved(event.dataAs(ComplaintResolved.class), at, ledger, m);
            case COMPLAINT_FOLLOW_UP_COMPLETED ->
                    ComplaintMeasures.followedUp(event.dataAs(ComplaintFollowUpCompleted.class), ledger, m);
            case COMPLAINT_CLOSED -> {
                ComplaintClosed c = event.dataAs(ComplaintClosed.class);
                m.add(Measure.count("complaints.closed", dimensionsOf(c.ticket()), at));
                m.add(Measure.count(ROOT_CAUSE + c.rootCause().toLowerCase(Locale.ROOT).replace('_', '-'),
                        dimensionsOf(c.ticket()), at));
            }
            default -> {
                // assignments, replies, status changes, dispatches... and KPI snapshots measure nothing
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

    /** An SLA metric as counter names spell it: FIRST_RESPONSE is first-response. */
    static String metricName(SlaClockFacts clock) {
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

    static List<Dimension> dimensionsOf(SlaClockFacts clock) {
        List<Dimension> d = new ArrayList<>(List.of(Dimension.ALL,
                new Dimension("channel", clock.channel().name()),
                new Dimension("category", clock.category().name()),
                new Dimension("priority", clock.priority().name())));
        addIfKnown(d, "team", clock.team());
        addIfKnown(d, "agent", clock.agent());
        return d;
    }

    static void addIfKnown(List<Dimension> d, String name, String value) {
        if (value != null && !value.isBlank() && !value.contains("=") && !value.contains("/")) {
            d.add(new Dimension(name, value));
        }
    }
}
