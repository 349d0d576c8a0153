package io.pledge.kpi.aggregate;

import io.pledge.contracts.call.CallAbandoned;
import io.pledge.contracts.call.CallAnswered;
import io.pledge.contracts.complaint.ComplaintEscalated;
import io.pledge.contracts.complaint.ComplaintEscalationWithdrawn;
import io.pledge.contracts.complaint.ComplaintRegistered;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaClockStopped;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.sla.SlaWarning;
import io.pledge.contracts.sla.SlaWarningRetracted;
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
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.kpi.KpiTesting.deliver;
import static io.pledge.kpi.KpiTesting.line;
import static io.pledge.kpi.KpiTesting.scorecard;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Through the topics: where a KPI counts tickets, complaints, calls or visits, each counts once,
 * and a correction takes back what was counted — so no rate passes 100 %.
 */
@QuarkusTest
class EachCaseCountsOnceTest {

    /** Every scenario in June 2026 (the business zone is UTC in tests), each in a team of its own. */
    private static final Instant JUNE = Instant.parse("2026-06-10T08:00:00Z");
    private static final String MONTH = "2026-06";

    private static TicketFacts ticket(UUID id, String team, TicketStatus status) {
        return new TicketFacts(id, "CRM-O", Channel.PHONE, Category.FAULT, Priority.NORMAL, status, team, "agent-o", null);
    }

    private static String team() {
        return "once-" + UUID.randomUUID();
    }

    @Test
    void twoEscalationsOfOneComplaintAreOneEscalatedComplaint() {
        String team = team();
        TicketFacts ticket = ticket(UUID.randomUUID(), team, TicketStatus.OPEN);
        UUID complaint = UUID.randomUUID();
        deliver(cloudEvent(registered(complaint, ticket, JUNE), JUNE),
                cloudEvent(new ComplaintEscalated(ticket, complaint, 2, "CUSTOMER_REJECTED", JUNE.plusSeconds(86400),
                        JUNE.plusSeconds(3600)), JUNE.plusSeconds(3600)),
                cloudEvent(new ComplaintEscalated(ticket, complaint, 3, "CUSTOMER_REJECTED", JUNE.plusSeconds(172800),
                        JUNE.plusSeconds(7200)), JUNE.plusSeconds(7200)));

        Map<String, Object> scorecard = scorecard(team, MONTH);
        assertEquals(100.0, line(scorecard, "complaints.escalation-rate").get("value"));
        assertEquals(1, line(scorecard, "complaints.escalation-rate").get("samples"));
        assertEquals(100.0, line(scorecard, "complaints.escalation-rate.l2").get("value"));
        assertEquals(100.0, line(scorecard, "complaints.escalation-rate.l3").get("value"));
        assertEquals(0.0, line(scorecard, "complaints.escalation-rate.l4").get("value"));
    }

    @Test
    void anEscalationThenItsWithdrawalLeaveNoEscalatedComplaint() {
        String team = team();
        TicketFacts ticket = ticket(UUID.randomUUID(), team, TicketStatus.OPEN);
        UUID complaint = UUID.randomUUID();
        deliver(cloudEvent(registered(complaint, ticket, JUNE), JUNE),
                cloudEvent(new ComplaintEscalated(ticket, complaint, 2, "SLA_BREACHED", JUNE.plusSeconds(86400),
                        JUNE.plusSeconds(3600)), JUNE.plusSeconds(3600)),
                cloudEvent(new ComplaintEscalationWithdrawn(ticket, complaint, 1, 2, "SLA_BREACHED",
                        "SLA_BREACHED:" + UUID.randomUUID(), null, JUNE.plusSeconds(5400)), JUNE.plusSeconds(5400)));

        Map<String, Object> scorecard = scorecard(team, MONTH);
        assertEquals(0.0, line(scorecard, "complaints.escalation-rate").get("value"));
        assertEquals(1, line(scorecard, "complaints.escalation-rate").get("samples"));
        assertEquals(0.0, line(scorecard, "complaints.escalation-rate.l2").get("value"));
    }

    @Test
    void aFirstResponseReportedLateWithAnEarlierTimeCountsInsteadOfTheOneBefore() {
        String team = team();
        TicketFacts ticket = ticket(UUID.randomUUID(), team, TicketStatus.OPEN);
        deliver(cloudEvent(new TicketOpened(ticket, null, "crm", List.of(), JUNE, null), JUNE),
                cloudEvent(new FirstResponse(ticket, UUID.randomUUID(), "agent-o", JUNE.plusSeconds(3600), JUNE, null),
                        JUNE.plusSeconds(3600)),
                cloudEvent(new FirstResponse(ticket, UUID.randomUUID(), "agent-p", JUNE.plusSeconds(600), JUNE, null),
                        JUNE.plusSeconds(600)),
                cloudEvent(new FirstResponse(ticket, UUID.randomUUID(), "agent-o", JUNE.plusSeconds(1800), JUNE, null),
                        JUNE.plusSeconds(1800)));

        Map<String, Object> scorecard = scorecard(team, MONTH);
        assertEquals(1, line(scorecard, "first-response.time.mean").get("samples"));
        assertEquals(600.0, (Double) line(scorecard, "first-response.time.mean").get("value"), 1.0);
    }

    @Test
    void theBusinessTimeOfFirstResponsesIsOfEveryClockStoppedMetOrBreachedTheLatestStopCounting() {
        String team = team();
        SlaClockFacts met = clock(UUID.randomUUID(), team, "FIRST_RESPONSE");
        SlaClockFacts breached = clock(UUID.randomUUID(), team, "FIRST_RESPONSE");
        deliver(cloudEvent(new SlaClockStarted(met, JUNE, JUNE.plusSeconds(1800)), JUNE),
                cloudEvent(new SlaMet(met, 600, JUNE.plusSeconds(600)), JUNE.plusSeconds(600)),
                cloudEvent(new SlaClockStopped(met, JUNE, 600, true, JUNE.plusSeconds(600)), JUNE.plusSeconds(600)),
                cloudEvent(new SlaClockStarted(breached, JUNE, JUNE.plusSeconds(1800)), JUNE),
                cloudEvent(new SlaBreached(breached, JUNE.plusSeconds(1800), JUNE.plusSeconds(1801)), JUNE.plusSeconds(1801)),
                cloudEvent(new SlaClockStopped(breached, JUNE, 3600, false, JUNE.plusSeconds(3600)), JUNE.plusSeconds(3600)));
        Map<String, Object> stopped = scorecard(team, MONTH);
        assertEquals(2, line(stopped, "first-response.business-time.mean").get("samples"));
        assertEquals(2100.0, (Double) line(stopped, "first-response.business-time.mean").get("value"), 2.0);
        assertEquals(50.0, line(stopped, "first-response.attainment").get("value"));

        // a reply reported late shows the breached clock stopped at minute 40
        deliver(cloudEvent(new SlaClockStopped(breached, JUNE, 2400, false, JUNE.plusSeconds(2400)), JUNE.plusSeconds(7200)));
        Map<String, Object> moved = scorecard(team, MONTH);
        assertEquals(2, line(moved, "first-response.business-time.mean").get("samples"));
        assertEquals(1500.0, (Double) line(moved, "first-response.business-time.mean").get("value"), 2.0);
    }

    @Test
    void aReopenedTicketLeavesFirstContactResolutionAndResolvedAgainIsStillOneResolvedTicket() {
        String team = team();
        UUID id = UUID.randomUUID();
        Instant resolvedAt = JUNE.plusSeconds(1800);
        Instant reopenedAt = JUNE.plusSeconds(86400);
        deliver(cloudEvent(new TicketOpened(ticket(id, team, TicketStatus.OPEN), null, "crm", List.of(), JUNE, null), JUNE),
                cloudEvent(new TicketResolved(ticket(id, team, TicketStatus.RESOLVED), "FIXED", JUNE, resolvedAt, 1, 0, null),
                        resolvedAt),
                cloudEvent(new TicketReopened(ticket(id, team, TicketStatus.OPEN), TicketStatus.RESOLVED, "not fixed",
                        reopenedAt, 1, null), reopenedAt));

        Map<String, Object> reopened = scorecard(team, MONTH);
        assertEquals(0.0, line(reopened, "resolution.first-contact").get("value"));
        assertEquals(1, line(reopened, "resolution.first-contact").get("samples"));
        assertEquals(100.0, line(reopened, "reopen.rate").get("value"));
        assertEquals(0.0, line(reopened, "resolution.rate").get("value"));

        Instant resolvedAgain = reopenedAt.plusSeconds(3600);
        deliver(cloudEvent(new TicketResolved(ticket(id, team, TicketStatus.RESOLVED), "FIXED", JUNE, resolvedAgain, 2, 1, null),
                resolvedAgain));

        Map<String, Object> again = scorecard(team, MONTH);
        assertEquals(100.0, line(again, "resolution.rate").get("value"));
        assertEquals(1, line(again, "resolution.rate").get("samples"));
        assertEquals(1.0, line(again, "tickets.resolved").get("value"));
        assertEquals(1.0, line(again, "tickets.reopened").get("value"));
        assertEquals(100.0, line(again, "resolution.within-24h").get("value"));
        assertEquals(0.0, line(again, "tickets.backlog").get("value"));
    }

    @Test
    void anAbandonedCallCountsInItsTeamsAbandonmentAndServiceLevel() {
        String team = team();
        TicketFacts ticket = ticket(UUID.randomUUID(), team, TicketStatus.OPEN);
        deliver(cloudEvent(new CallAnswered("call-" + UUID.randomUUID(), ticket, "queue-o", JUNE, JUNE.plusSeconds(10), 10, null),
                        JUNE.plusSeconds(10)),
                cloudEvent(new CallAbandoned("call-" + UUID.randomUUID(), "queue-o", null, JUNE, JUNE.plusSeconds(95), 95,
                        team, "agent-o", null, null), JUNE.plusSeconds(95)));

        Map<String, Object> scorecard = scorecard(team, MONTH);
        assertEquals(50.0, line(scorecard, "phone.abandonment").get("value"));
        assertEquals(2, line(scorecard, "phone.abandonment").get("samples"));
        assertEquals(50.0, line(scorecard, "phone.service-level").get("value"));
    }

    @Test
    void aRetractedWarningIsTakenBackFromTheBucketItWasCountedIn() {
        String team = team();
        SlaClockFacts clock = clock(UUID.randomUUID(), team, "FIRST_RESPONSE");
        Instant warnedAt = JUNE.plusSeconds(1440);
        deliver(cloudEvent(new SlaClockStarted(clock, JUNE, JUNE.plusSeconds(1800)), JUNE),
                cloudEvent(new SlaWarning(clock, 80, JUNE.plusSeconds(1800), warnedAt), warnedAt));
        assertEquals(1.0, line(scorecard(team, MONTH), "sla.warnings").get("value"));

        // reported late: the first reply came at minute 10, so 80 % was never used up
        deliver(cloudEvent(new SlaWarningRetracted(clock, 80, warnedAt, 600, JUNE.plusSeconds(7200), "late reply"),
                JUNE.plusSeconds(7200)));
        assertEquals(0.0, line(scorecard(team, MONTH), "sla.warnings").get("value"));
    }

    @Test
    void onSiteVisitsCompletedOnTheDayOfTheirRequestOfVisitsRequested() {
        String team = team();
        TicketFacts ticket = ticket(UUID.randomUUID(), team, TicketStatus.OPEN);
        UUID sameDay = UUID.randomUUID();
        UUID nextDay = UUID.randomUUID();
        Instant sameDayDone = JUNE.plus(Duration.ofHours(6));
        Instant nextDayDone = JUNE.plus(Duration.ofHours(20));
        SlaClockFacts dispatch = clock(UUID.randomUUID(), team, "ON_SITE_DISPATCH");
        deliver(cloudEvent(new OnSiteRequested(ticket, sameDay, "no signal", "agent-o", JUNE, null), JUNE),
                cloudEvent(new OnSiteRequested(ticket, nextDay, "no power", "agent-o", JUNE, null), JUNE),
                cloudEvent(new SlaClockStarted(dispatch, JUNE, JUNE.plus(Duration.ofHours(2))), JUNE),
                cloudEvent(new SlaMet(dispatch, 3600, JUNE.plusSeconds(3600)), JUNE.plusSeconds(3600)),
                cloudEvent(new OnSiteCompleted(ticket, sameDay, "FIXED", JUNE, sameDayDone, null), sameDayDone),
                cloudEvent(new OnSiteCompleted(ticket, sameDay, "FIXED", JUNE, sameDayDone, null), sameDayDone),
                cloudEvent(new OnSiteCompleted(ticket, nextDay, "FIXED", JUNE, nextDayDone, null), nextDayDone));

        Map<String, Object> scorecard = scorecard(team, MONTH);
        assertEquals(50.0, line(scorecard, "onsite.same-day").get("value"));
        assertEquals(2, line(scorecard, "onsite.same-day").get("samples"));
        assertEquals(95.0, line(scorecard, "onsite.same-day").get("target"));
        assertEquals("OFF_TARGET", line(scorecard, "onsite.same-day").get("status"));
        assertEquals(2.0, line(scorecard, "onsite.requested").get("value"));
        assertEquals(2.0, line(scorecard, "onsite.completed").get("value"));
        assertEquals(100.0, line(scorecard, "sla.attainment.on-site-dispatch").get("value"));
    }

    private static ComplaintRegistered registered(UUID complaint, TicketFacts ticket, Instant at) {
        return new ComplaintRegistered(complaint, ticket.ticketId(), "CRM-O", Channel.PHONE, Priority.NORMAL, "MAJOR",
                "service", ticket.team(), "agent-o", at);
    }

    private static SlaClockFacts clock(UUID clockId, String team, String metric) {
        return new SlaClockFacts(clockId, UUID.randomUUID(), metric, "seed", Duration.ofMinutes(30), "24x7",
                Channel.PHONE, Category.FAULT, Priority.NORMAL, team, null);
    }
}
