package io.pledge.kpi.measure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.sla.SlaBreachRetracted;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.survey.SurveyCompleted;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.kpi.aggregate.Dimension;
import io.pledge.platform.events.InboundEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMeasuresTest {

    private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");
    private static final TicketFacts FACTS = new TicketFacts(UUID.randomUUID(), "CRM-1", Channel.EMAIL, Category.FAULT,
            Priority.HIGH, TicketStatus.RESOLVED, "repairs", "agent-1", null);

    private static InboundEvent event(PledgeEvent data, Instant time) {
        JsonNode tree = EventCodec.toTree(data);
        return new InboundEvent(UUID.randomUUID().toString(), EventType.of(data), "/pledge/test", data.subject(), time, tree);
    }

    private static List<String> names(List<Measure> measures) {
        return measures.stream().map(m -> m.kind() + " " + m.name() + (m.amount() != 1 ? " " + m.amount() : "")).toList();
    }

    @Test
    void aResolutionWithinADayWithOneReplyCountsAsFirstContactResolution() {
        TicketResolved resolved = new TicketResolved(FACTS, "FIXED", AT.minus(Duration.ofHours(3)), AT, 1, 0);
        List<Measure> measures = EventMeasures.of(event(resolved, AT), id -> Optional.empty());
        assertEquals(List.of("COUNT tickets.resolved", "COUNT tickets.open-change -1", "OBSERVE resolution.time 10800", "COUNT tickets.resolved-within-24h",
                "COUNT tickets.first-contact-resolved"), names(measures));
        assertEquals(List.of(Dimension.ALL, new Dimension("channel", "EMAIL"), new Dimension("category", "FAULT"),
                new Dimension("priority", "HIGH"), new Dimension("team", "repairs"), new Dimension("agent", "agent-1")),
                measures.get(0).dimensions());
    }

    @Test
    void aReopenedOrSlowResolutionIsNeither() {
        TicketResolved slow = new TicketResolved(FACTS, "FIXED", AT.minus(Duration.ofHours(30)), AT, 1, 1);
        assertEquals(List.of("COUNT tickets.resolved", "COUNT tickets.open-change -1", "OBSERVE resolution.time 108000"),
                names(EventMeasures.of(event(slow, AT), id -> Optional.empty())));
    }

    @Test
    void slaOutcomesCountWhereTheirClockStartedAndARetractionTakesTheBreachBack() {
        UUID clockId = UUID.randomUUID();
        SlaClockFacts clock = new SlaClockFacts(clockId, FACTS.ticketId(), "FIRST_RESPONSE", "seed-email",
                Duration.ofHours(24), "24x7", Channel.EMAIL, Category.FAULT, Priority.HIGH, "repairs", null);
        Instant started = AT.minus(Duration.ofDays(2));
        List<Measure> breached = EventMeasures.of(event(new SlaBreached(clock, AT, AT), AT), id -> Optional.of(started));
        assertEquals(List.of("COUNT sla.breached", "COUNT sla.breached.first-response"), names(breached));
        assertEquals(started, breached.get(0).at());

        List<Measure> retracted = EventMeasures.of(event(new SlaBreachRetracted(clock, 3600, AT, "late reply"), AT),
                id -> Optional.of(started));
        assertEquals(List.of("COUNT sla.breached -1", "COUNT sla.breached.first-response -1"), names(retracted));
        assertEquals(started, retracted.get(0).at());
    }

    @Test
    void aSurveyCountsItsScoresWhenTheTicketWasResolvedAndItsAnswerWhenItWasSent() {
        Instant resolvedAt = AT.minus(Duration.ofDays(3));
        Instant sentAt = resolvedAt.plus(Duration.ofHours(1));
        SurveyCompleted survey = new SurveyCompleted(UUID.randomUUID(), FACTS, "TICKET_RESOLVED", null, 5, 6, 6,
                Map.of("SERVICE_ATTITUDE", 5), 4.75, "SATISFIED", "DETRACTOR", "EASY", true, false, resolvedAt, sentAt, AT);
        List<Measure> measures = EventMeasures.of(event(survey, AT), id -> Optional.empty());
        assertEquals(List.of("COUNT surveys.answered", "COUNT surveys.answered-of-sent", "COUNT surveys.csat-answered",
                "COUNT surveys.csat-satisfied", "COUNT surveys.nps-answered", "COUNT surveys.nps-detractors",
                "OBSERVE surveys.ces 600", "OBSERVE surveys.weighted-score 475", "COUNT surveys.unsatisfied"), names(measures));
        assertEquals(AT, measures.get(0).at());
        assertEquals(sentAt, measures.get(1).at());
        assertTrue(measures.subList(2, measures.size()).stream().allMatch(m -> m.at().equals(resolvedAt)));
    }
}
