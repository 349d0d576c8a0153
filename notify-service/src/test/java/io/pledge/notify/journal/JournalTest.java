package io.pledge.notify.journal;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;
import io.pledge.contracts.survey.SurveyLinkIssued;
import io.pledge.contracts.survey.SurveySent;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketResolved;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.events.InboundEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One poll's events recorded at once (issue #17): what each poll keeps, and what it makes deliverable. */
@QuarkusTest
class JournalTest {

    @Inject
    Journal journal;

    @Test
    void aSurveyAnnouncementPolledWithItsLinkIsDeliverableWithTheLinkInEitherOrder() {
        for (boolean linkFirst : List.of(true, false)) {
            UUID ticket = UUID.randomUUID();
            UUID survey = UUID.randomUUID();
            UUID announcementId = UUID.randomUUID();
            URI link = URI.create("https://pledge.example.com/s/" + UUID.randomUUID());
            Instant at = now();
            InboundEvent announcement = inbound(announcementId, EventType.SURVEY_SENT, ticket, new SurveySent(survey,
                    facts(ticket), "TICKET_RESOLVED", null, "seed-default", null, at, at.plus(Duration.ofDays(7))));
            InboundEvent issued = inbound(UUID.randomUUID(), EventType.SURVEY_LINK_ISSUED, ticket, new SurveyLinkIssued(survey,
                    facts(ticket), "survey.sent", announcementId, link, at.plus(Duration.ofDays(7))));

            Journal.Kept kept = keep(linkFirst ? List.of(issued, announcement) : List.of(announcement, issued));

            assertEquals(2, kept.received().size(), "link first: " + linkFirst);
            assertEquals(List.of(announcementId.toString()), kept.deliverable().stream().map(ReceivedEvent::eventId).toList(),
                    "link first: " + linkFirst + "; the link event itself is never delivered");
            assertEquals(link.toString(), kept.deliverable().get(0).data().path("link").asText(), "link first: " + linkFirst);
        }
    }

    @Test
    void anEventTwiceInOnePollIsKeptOnceAndNotAgainInALaterPoll() {
        UUID ticket = UUID.randomUUID();
        InboundEvent opened = inbound(UUID.randomUUID(), EventType.TICKET_OPENED, ticket, opened(ticket, "crm-a"));

        assertEquals(1, keep(List.of(opened, opened)).received().size());
        assertEquals(0, keep(List.of(opened)).received().size());
    }

    @Test
    void eventsOfATicketPolledBeforeItsOpeningCarryTheSourceSystemTheOpeningNames() {
        UUID ticket = UUID.randomUUID();
        InboundEvent resolved = inbound(UUID.randomUUID(), EventType.TICKET_RESOLVED, ticket,
                new TicketResolved(facts(ticket), "FIXED", now().minusSeconds(60), now(), 1, 0, null));
        InboundEvent opened = inbound(UUID.randomUUID(), EventType.TICKET_OPENED, ticket, opened(ticket, "crm-b"));

        Journal.Kept kept = keep(List.of(resolved, opened));

        assertEquals(List.of("crm-b", "crm-b"), kept.received().stream().map(ReceivedEvent::sourceSystem).toList());
        assertEquals(List.of(ticket.toString()), kept.openedTickets());
    }

    private Journal.Kept keep(List<InboundEvent> events) {
        return QuarkusTransaction.requiringNew().call(() -> journal.keep(events, Map.of()));
    }

    private static InboundEvent inbound(UUID id, EventType type, UUID ticket, PledgeEvent data) {
        return new InboundEvent(id.toString(), type, "test", ticket.toString(), now(), EventCodec.toTree(data));
    }

    private static TicketOpened opened(UUID ticket, String sourceSystem) {
        return new TicketOpened(facts(ticket), "GOLD", sourceSystem, List.of(), now(), null);
    }

    private static TicketFacts facts(UUID ticket) {
        return new TicketFacts(ticket, "C-" + ticket, Channel.EMAIL, Category.FAULT, Priority.NORMAL, TicketStatus.OPEN,
                "team-" + ticket, "agent-1", "dept-1");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
