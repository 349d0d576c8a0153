package io.pledge.kpi.measure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.call.CallAbandoned;
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
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.OnSiteCompleted;
import io.pledge.contracts.ticket.OnSiteRequested;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReopened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.events.InboundEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMeasuresTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final TicketFacts FACTS = facts(UUID.randomUUID(), "repairs");

    private final Ledger ledger = new Ledger();

    private static TicketFacts facts(UUID ticketId, String team) {
        return new TicketFacts(ticketId, "CRM-1", Channel.EMAIL, Category.FAULT, Priority.HIGH, TicketStatus.OPEN, team,
                "agent-1", null);
    }

    private static InboundEvent event(PledgeEvent data, Instant time) {
        JsonNode tree = EventCodec.toTree(data);
        return new InboundEvent(UUID.randomUUID().toString(), EventType.of(data), "/pledge/test", data.subject(), time, tree);
    }

    /** Measures the event as the aggregator does: against the ledger, whose changes are then kept. */
    private List<Measure> measure(PledgeEvent data, Instant time, ZoneId zone) {
        List<Measure> measures = EventMeasures.of(event(data, time), ledger, zone);
        ledger.keep();
        return measures;
    }

    private List<Measure> measure(PledgeEvent data, Instant time) {
        return measure(data, time, UTC);
    }

    private static List<String> names(List<Measure> measures) {
        return measures.stream().map(m -> m.kind() + " " + m.name() + (m.amount() != 1 ? " " + m.amount() : "")).toList();
    }

    /** Each counter summed over the measures, as the store would: what stays counted. */
    private static Map<String, Long> counted(List<Measure> measures) {
        Map<String, Long> sums = new TreeMap<>();
        measures.stream().filter(m -> m.kind() == Measure.Kind.COUNT)
                .forEach(m -> sums.merge(m.name(), m.amount(), Long::sum));
        sums.values().removeIf(v -> v == 0);
        return sums;
    }

    private static Measure only(List<Measure> measures, String name) {
        List<Measure> named = measures.stream().filter(m -> m.name().equals(name)).toList();
        assertEquals(1, named.size(), name + " in " + names(measures));
        return named.get(0);
    }

    @Test
    void aResolutionWithinADayWithOneReplyCountsAsFirstContactResolution() {
        Instant openedAt = AT.minus(Duration.ofHours(3));
        measure(new TicketOpened(FACTS, null, "crm", List.of(), openedAt, null), openedAt);
        List<Measure> measures = measure(new TicketResolved(FACTS, "FIXED", openedAt, AT, 1, 0, null), AT);
        assertEquals(List.of("COUNT tickets.open-change -1", "COUNT tickets.opened-resolved", "COUNT tickets.resolved",
                "OBSERVE resolution.time 10800", "COUNT tickets.resolved-within-24h", "COUNT tickets.first-contact-resolved"),
                names(measures));
        assertEquals(openedAt, only(measures, "tickets.opened-resolved").at());
        assertEquals(List.of(Dimension.ALL, new Dimension("channel", "EMAIL"), new Dimension("category", "FAULT"),
                new Dimension("priority", "HIGH"), new Dimension("team", "repairs"), new Dimension("agent", "agent-1")),
                measures.get(0).dimensions());
    }

    @Test
    void aReopenedOrSlowResolutionIsNeither() {
        TicketResolved slow = new TicketResolved(FACTS, "FIXED", AT.minus(Duration.ofHours(30)), AT, 1, 1, null);
        assertEquals(List.of("COUNT tickets.open-change -1", "COUNT tickets.resolved", "OBSERVE resolution.time 108000"),
                names(measure(slow, AT)));
    }

    @Test
    void aTicketResolvedTwiceAndReopenedBetweenIsOneResolvedTicketAndOneReopenedTicket() {
        Instant openedAt = AT.minus(Duration.ofHours(3));
        List<Measure> all = new ArrayList<>();
        all.addAll(measure(new TicketOpened(FACTS, null, "crm", List.of(), openedAt, null), openedAt));
        all.addAll(measure(new TicketResolved(FACTS, "FIXED", openedAt, AT, 1, 0, null), AT));
        Instant reopenedAt = AT.plus(Duration.ofHours(1));
        all.addAll(measure(new TicketReopened(FACTS, TicketStatus.RESOLVED, "the customer replied", reopenedAt, 1, null), reopenedAt));
        all.addAll(measure(new TicketReopened(FACTS, TicketStatus.RESOLVED, "announced again", reopenedAt, 1, null), reopenedAt));
        Instant resolvedAgain = AT.plus(Duration.ofHours(2));
        all.addAll(measure(new TicketResolved(FACTS, "FIXED", openedAt, resolvedAgain, 2, 1, null), resolvedAgain));
        all.addAll(measure(new TicketResolved(FACTS, "FIXED", openedAt, resolvedAgain, 2, 1, null), resolvedAgain));
        // resolution rate 1 of 1, reopen rate 1 of 1, first-contact resolution 0 of 1, nothing left in the backlog
        assertEquals(Map.of("tickets.opened", 1L, "tickets.opened-resolved", 1L, "tickets.resolved", 1L,
                "tickets.resolved-within-24h", 1L, "tickets.reopened", 1L, "tickets.resolved-reopened", 1L), counted(all));
        assertEquals(1, all.stream().filter(m -> m.name().equals("resolution.time")).count());
    }

    @Test
    void aReopeningTakesTheTicketOutOfFirstContactResolutionWhereItWasCounted() {
        Instant openedAt = AT.minus(Duration.ofHours(3));
        measure(new TicketOpened(FACTS, null, "crm", List.of(), openedAt, null), openedAt);
        List<Measure> resolved = measure(new TicketResolved(FACTS, "FIXED", openedAt, AT, 1, 0, null), AT);
        // reopened days later, by then in another team
        Instant reopenedAt = AT.plus(Duration.ofDays(3));
        TicketFacts moved = facts(FACTS.ticketId(), "second-line");
        List<Measure> reopened = measure(new TicketReopened(moved, TicketStatus.RESOLVED, "not fixed", reopenedAt, 1, null),
                reopenedAt);
        Measure counted = only(resolved, "tickets.first-contact-resolved");
        Measure takenBack = only(reopened, "tickets.first-contact-resolved");
        assertEquals(-1, takenBack.amount());
        assertEquals(counted.at(), takenBack.at());
        assertEquals(counted.dimensions(), takenBack.dimensions());
        assertEquals(counted.dimensions(), only(reopened, "tickets.resolved-reopened").dimensions());
        assertEquals(openedAt, only(reopened, "tickets.opened-resolved").at());
        assertEquals(reopenedAt, only(reopened, "tickets.reopened").at());
    }

    @Test
    void aLateReportedEarlierFirstResponseReplacesTheOneCountedAndALaterOneChangesNothing() {
        Instant openedAt = AT.minus(Duration.ofHours(3));
        List<Measure> first = measure(new FirstResponse(FACTS, UUID.randomUUID(), "agent-1", AT, openedAt, null), AT);
        assertEquals(List.of("OBSERVE first-response.time 10800"), names(first));
        Instant earlier = openedAt.plus(Duration.ofMinutes(10));
        List<Measure> late = measure(new FirstResponse(FACTS, UUID.randomUUID(), "agent-2", earlier, openedAt, null), earlier);
        assertEquals(List.of("UNOBSERVE first-response.time 10800", "OBSERVE first-response.time 600"), names(late));
        assertEquals(openedAt, late.get(0).at());
        assertEquals(first.get(0).dimensions(), late.get(0).dimensions());
        assertEquals(List.of(), measure(new FirstResponse(FACTS, UUID.randomUUID(), "agent-1", AT, openedAt, null), AT));
    }

    @Test
    void slaOutcomesCountWhereTheirClockStartedAndARetractionTakesTheBreachBackWhereItWasCounted() {
        UUID clockId = UUID.randomUUID();
        SlaClockFacts clock = clock(clockId, "repairs");
        Instant started = AT.minus(Duration.ofDays(2));
        measure(new SlaClockStarted(clock, started, AT), started);
        List<Measure> breached = measure(new SlaBreached(clock, AT, AT), AT);
        assertEquals(List.of("COUNT sla.breached", "COUNT sla.breached.first-response"), names(breached));
        assertEquals(started, breached.get(0).at());
        assertEquals(List.of(), measure(new SlaBreached(clock, AT, AT), AT), "the same breach announced again");

        // the ticket moved to another team before a late reply disproved the breach
        List<Measure> retracted = measure(new SlaBreachRetracted(clock(clockId, "second-line"), 3600, AT, "late reply", null), AT);
        assertEquals(List.of("COUNT sla.breached -1", "COUNT sla.breached.first-response -1"), names(retracted));
        assertEquals(started, retracted.get(0).at());
        assertEquals(breached.get(0).dimensions(), retracted.get(0).dimensions());
        assertEquals(List.of(), measure(new SlaBreachRetracted(clock, 3600, AT, "again", null), AT));
    }

    @Test
    void aFirstResponseClockRecordsHowLongItRanOnceMetOrBreachedTheLatestStopCounting() {
        Instant started = AT.minus(Duration.ofHours(2));
        SlaClockFacts met = clock(UUID.randomUUID(), "repairs");
        measure(new SlaClockStarted(met, started, AT), started);
        List<Measure> metMeasures = measure(new SlaMet(met, 600, started.plusSeconds(600)), started.plusSeconds(600));
        assertEquals(List.of("COUNT sla.met", "COUNT sla.met.first-response", "OBSERVE first-response.business-time 600"),
                names(metMeasures));
        assertEquals(List.of(), measure(new SlaClockStopped(met, started, 600, true, started.plusSeconds(600)),
                started.plusSeconds(600)), "the stop sla.met announced already counts");

        SlaClockFacts breached = clock(UUID.randomUUID(), "repairs");
        measure(new SlaClockStarted(breached, started, AT), started);
        measure(new SlaBreached(breached, AT, AT), AT);
        List<Measure> stopped = measure(new SlaClockStopped(breached, started, 90000, false, AT), AT);
        assertEquals(List.of("OBSERVE first-response.business-time 90000"), names(stopped));
        assertEquals(started, stopped.get(0).at());
        // a reply reported late moves the stop: the new figure replaces the old, where the old was recorded
        List<Measure> moved = measure(new SlaClockStopped(clock(breached.clockId(), "second-line"), started, 86000, false,
                AT.minusSeconds(4000)), AT);
        assertEquals(List.of("UNOBSERVE first-response.business-time 90000", "OBSERVE first-response.business-time 86000"),
                names(moved));
        assertEquals(stopped.get(0).dimensions(), moved.get(0).dimensions());
        assertEquals(started, moved.get(0).at());

        SlaClockFacts resolution = new SlaClockFacts(UUID.randomUUID(), FACTS.ticketId(), "RESOLUTION", "seed-email",
                Duration.ofHours(48), "24x7", Channel.EMAIL, Category.FAULT, Priority.HIGH, "repairs", null);
        assertEquals(List.of(), measure(new SlaClockStopped(resolution, started, 600, true, AT), AT),
                "only first responses have a business-time distribution");
    }

    @Test
    void aRetractedWarningIsTakenBackWhereItWasCountedAndAWarningCountsOnce() {
        UUID clockId = UUID.randomUUID();
        SlaClockFacts clock = clock(clockId, "repairs");
        Instant warnedAt = AT.minus(Duration.ofHours(5));
        List<Measure> warned = measure(new SlaWarning(clock, 80, AT, warnedAt), warnedAt);
        assertEquals(List.of("COUNT sla.warnings"), names(warned));
        assertEquals(warnedAt, warned.get(0).at());
        assertEquals(List.of(), measure(new SlaWarning(clock, 80, AT, warnedAt), warnedAt), "announced again");
        assertEquals(List.of(), measure(new SlaWarningRetracted(clock, 50, warnedAt, 100, AT, "late reply"), AT),
                "no warning at 50 % was counted");

        // the retraction reads its instant off the corrected timeline: it need not be the warning's own
        List<Measure> retracted = measure(new SlaWarningRetracted(clock(clockId, "second-line"), 80,
                warnedAt.plusSeconds(900), 100, AT, "a late reply shows the clock stopped earlier"), AT);
        assertEquals(List.of("COUNT sla.warnings -1"), names(retracted));
        assertEquals(warnedAt, retracted.get(0).at());
        assertEquals(warned.get(0).dimensions(), retracted.get(0).dimensions());
    }

    @Test
    void twoEscalationsOfOneComplaintCountItOnceWhereItWasRegistered() {
        UUID complaintId = UUID.randomUUID();
        Instant registeredAt = AT.minus(Duration.ofDays(10));
        List<Measure> all = new ArrayList<>(measure(registered(complaintId, registeredAt), registeredAt));
        List<Measure> escalations = new ArrayList<>(measure(escalated(complaintId, 2, AT), AT));
        escalations.addAll(measure(escalated(complaintId, 3, AT.plusSeconds(60)), AT.plusSeconds(60)));
        all.addAll(escalations);
        assertEquals(Map.of("complaints.registered", 1L, "complaints.escalated", 1L, "complaints.escalated.l2", 1L,
                "complaints.escalated.l3", 1L), counted(all));
        assertTrue(escalations.stream().allMatch(m -> m.at().equals(registeredAt)));
        assertEquals(all.get(0).dimensions(), escalations.get(0).dimensions());
    }

    @Test
    void aWithdrawnEscalationTakesTheComplaintOutOfTheLevelsAboveTheOneItIsBackAt() {
        UUID complaintId = UUID.randomUUID();
        List<Measure> all = new ArrayList<>(measure(registered(complaintId, AT), AT));
        all.addAll(measure(escalated(complaintId, 2, AT.plusSeconds(60)), AT.plusSeconds(60)));
        all.addAll(measure(escalated(complaintId, 3, AT.plusSeconds(120)), AT.plusSeconds(120)));
        all.addAll(measure(withdrawn(complaintId, 2, 3, AT.plusSeconds(180)), AT.plusSeconds(180)));
        assertEquals(Map.of("complaints.registered", 1L, "complaints.escalated", 1L, "complaints.escalated.l2", 1L),
                counted(all));
        all.addAll(measure(withdrawn(complaintId, 1, 2, AT.plusSeconds(240)), AT.plusSeconds(240)));
        assertEquals(Map.of("complaints.registered", 1L), counted(all));
    }

    @Test
    void aFollowUpVisitCountsOnceWhereTheResolutionItFollowsWasAccepted() {
        UUID complaintId = UUID.randomUUID();
        Instant acceptedAt = AT.minus(Duration.ofDays(2));
        List<Measure> resolved = measure(new ComplaintResolved(FACTS, complaintId, 1, "agent-1", AT, acceptedAt), acceptedAt);
        ComplaintFollowUpCompleted followUp = new ComplaintFollowUpCompleted(FACTS, complaintId, 1, "SATISFIED", AT,
                "agent-2", AT);
        List<Measure> visited = measure(followUp, AT);
        assertEquals(List.of("COUNT complaints.follow-ups", "COUNT complaints.follow-ups-in-time"), names(visited));
        assertEquals(only(resolved, "complaints.resolved").at(), visited.get(0).at());
        assertEquals(List.of(), measure(followUp, AT));
    }

    @Test
    void anAbandonedCallCountsForItsTeamAgentAndDepartmentOnThePhone() {
        Instant offeredAt = AT.minusSeconds(90);
        List<Measure> measures = measure(new CallAbandoned("call-1", "billing-queue", null, offeredAt, AT, 90, "billing",
                "agent-7", "finance", null), AT);
        assertEquals(List.of("COUNT calls.abandoned"), names(measures));
        assertEquals(offeredAt, measures.get(0).at());
        assertEquals(List.of(Dimension.ALL, new Dimension("channel", "PHONE"), new Dimension("team", "billing"),
                new Dimension("agent", "agent-7"), new Dimension("department", "finance")), measures.get(0).dimensions());
    }

    @Test
    void anOnSiteVisitCountsWhereItWasRequestedAndAsSameDayByTheLocalDayOfTheBusinessZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // 09:00 and 23:30 in Shanghai on 24 November: one local day, two UTC days
        Instant requestedAt = Instant.parse("2026-11-24T01:00:00Z");
        Instant completedAt = Instant.parse("2026-11-24T15:30:00Z");
        UUID visitId = UUID.randomUUID();
        List<Measure> requested = measure(new OnSiteRequested(FACTS, visitId, "no signal", "agent-1", requestedAt, null),
                requestedAt, shanghai);
        assertEquals(List.of("COUNT onsite.requested"), names(requested));
        OnSiteCompleted completed = new OnSiteCompleted(facts(FACTS.ticketId(), "field"), visitId, "FIXED", requestedAt,
                completedAt, null);
        List<Measure> done = measure(completed, completedAt, shanghai);
        assertEquals(List.of("COUNT onsite.completed", "COUNT onsite.completed-same-day"), names(done));
        assertEquals(completedAt, done.get(0).at());
        assertEquals(requestedAt, done.get(1).at());
        assertEquals(requested.get(0).dimensions(), done.get(1).dimensions());
        assertEquals(List.of(), measure(completed, completedAt, shanghai), "each visit once");

        UUID nextDay = UUID.randomUUID();
        measure(new OnSiteRequested(FACTS, nextDay, "no signal", "agent-1", requestedAt, null), requestedAt, shanghai);
        assertEquals(List.of("COUNT onsite.completed"), names(measure(new OnSiteCompleted(FACTS, nextDay, "FIXED",
                requestedAt, completedAt.plus(Duration.ofHours(1)), null), completedAt, shanghai)));
    }

    @Test
    void theChangesOfAnEventThatIsNotKeptAreDropped() {
        Instant openedAt = AT.minus(Duration.ofHours(3));
        measure(new TicketOpened(FACTS, null, "crm", List.of(), openedAt, null), openedAt);
        CountedTicket opened = ledger.tickets().get(FACTS.ticketId());
        // a resolution without its opening instant cannot be measured: the aggregator dead-letters it
        InboundEvent broken = event(new TicketResolved(FACTS, "FIXED", null, AT, 1, 0, null), AT);
        assertThrows(RuntimeException.class, () -> EventMeasures.of(broken, ledger, UTC));
        ledger.tickets().put(FACTS.ticketId(), opened.in(CountedTicket.Status.RESOLVED));
        ledger.discard();
        assertEquals(opened, ledger.tickets().get(FACTS.ticketId()));
        assertEquals(Map.of(FACTS.ticketId(), opened), ledger.tickets().changedEntries());
        assertNull(ledger.tickets().get(UUID.randomUUID()));
    }

    @Test
    void aSurveyCountsItsScoresWhenTheTicketWasResolvedAndItsAnswerWhenItWasSent() {
        Instant resolvedAt = AT.minus(Duration.ofDays(3));
        Instant sentAt = resolvedAt.plus(Duration.ofHours(1));
        SurveyCompleted survey = new SurveyCompleted(UUID.randomUUID(), FACTS, "TICKET_RESOLVED", null, 5, 6, 6,
                Map.of("SERVICE_ATTITUDE", 5), 4.75, "SATISFIED", "DETRACTOR", "EASY", true, false, resolvedAt, sentAt, AT);
        List<Measure> measures = measure(survey, AT);
        assertEquals(List.of("COUNT surveys.answered", "COUNT surveys.answered-of-sent", "COUNT surveys.csat-answered",
                "COUNT surveys.csat-satisfied", "COUNT surveys.nps-answered", "COUNT surveys.nps-detractors",
                "OBSERVE surveys.ces 600", "OBSERVE surveys.weighted-score 475", "COUNT surveys.unsatisfied"), names(measures));
        assertEquals(AT, measures.get(0).at());
        assertEquals(sentAt, measures.get(1).at());
        assertTrue(measures.subList(2, measures.size()).stream().allMatch(m -> m.at().equals(resolvedAt)));
    }

    private static SlaClockFacts clock(UUID clockId, String team) {
        return new SlaClockFacts(clockId, FACTS.ticketId(), "FIRST_RESPONSE", "seed-email", Duration.ofHours(24), "24x7",
                Channel.EMAIL, Category.FAULT, Priority.HIGH, team, null);
    }

    private static ComplaintRegistered registered(UUID complaintId, Instant at) {
        return new ComplaintRegistered(complaintId, FACTS.ticketId(), "CRM-1", Channel.EMAIL, Priority.HIGH, "MAJOR",
                "service", "repairs", "agent-1", at);
    }

    private static ComplaintEscalated escalated(UUID complaintId, int level, Instant at) {
        // by the time of an escalation the ticket may sit elsewhere: the complaint still counts where it was registered
        return new ComplaintEscalated(facts(FACTS.ticketId(), "supervisors"), complaintId, level, "CUSTOMER_REJECTED",
                at.plus(Duration.ofDays(1)), at);
    }

    private static ComplaintEscalationWithdrawn withdrawn(UUID complaintId, int level, int withdrawnLevel, Instant at) {
        return new ComplaintEscalationWithdrawn(FACTS, complaintId, level, withdrawnLevel, "SLA_BREACHED",
                "SLA_BREACHED:" + UUID.randomUUID(), null, at);
    }
}
