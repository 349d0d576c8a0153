package io.pledge.sla.clock;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.FirstResponse;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17's stall: thousands of first-response clocks falling due at once, announced by the
 * alarm scan while the polls of the replies to the same tickets are applied. The scan used to
 * change clocks a poll had read, failing the poll on their version again and again (then its
 * events were applied one per transaction, with a second between tries); now a poll locks its
 * clocks and the scan skips them. Whichever comes first for a clock, the scan or the reply, every
 * clock ends met and every announcement is made once.
 */
@QuarkusTest
class AlarmScanAndPollTest {

    private static final Logger LOG = Logger.getLogger(AlarmScanAndPollTest.class);

    /** Enough clocks for several scan batches (500) and several polls (500 records) at once. */
    private static final int TICKETS = 1500;

    /** The reply came 20 s into the 30 s phone promise: 50 % (15 s) was reached, 75 % (23 s) and 90 % (27 s) not. */
    private static final List<String> ANSWERED_BEFORE_THE_SCAN = List.of("sla.clock-started", "sla.met", "sla.clock-stopped");
    private static final List<String> ANSWERED_AFTER_THE_SCAN = List.of("sla.clock-started",
            "sla.warning", "sla.warning", "sla.warning", "sla.breached",
            "sla.warning-retracted", "sla.warning-retracted", "sla.breach-retracted", "sla.met", "sla.clock-stopped");

    @Inject
    EntityManager em;

    /** Counts transactions that lost a race on an entity's version ({@code %test} statistics are on). */
    @Inject
    SessionFactory sessions;

    @Test
    void clocksFallingDueWhileTheRepliesToTheirTicketsAreAppliedAreEachMetAndAnnouncedOnce() {
        String team = "stall-" + UUID.randomUUID();
        // backdated openings: every alarm of every first-response clock is past, held for the settle time only
        Instant offered = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant answered = offered.plusSeconds(20);
        List<TicketFacts> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            tickets.add(new TicketFacts(UUID.randomUUID(), "CRM-STALL-" + i, Channel.PHONE, Category.INQUIRY,
                    Priority.NORMAL, TicketStatus.OPEN, team, null, null));
        }
        // one partition, in this order: every opening, then the replies, the last opened first. The
        // polls of the first replies are applied while the scan announces the clocks opened last
        // (their alarms fell due as the poll that opened them was applied, held for the settle time)
        String partition = team;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (TicketFacts t : tickets) {
            records.add(KafkaTestSupport.keyed(partition,
                    cloudEvent(new TicketOpened(t, null, "phone", List.of(), offered, null), offered)));
        }
        List<TicketFacts> lastOpenedFirst = new ArrayList<>(tickets);
        Collections.reverse(lastOpenedFirst);
        for (TicketFacts t : lastOpenedFirst) {
            records.add(KafkaTestSupport.keyed(partition,
                    cloudEvent(new FirstResponse(t, UUID.randomUUID(), "agent-1", answered, offered, null), answered)));
        }
        Set<String> keys = Set.copyOf(tickets.stream().map(t -> t.ticketId().toString()).toList());

        long lostRacesBefore = sessions.getStatistics().getOptimisticFailureCount();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA);
             TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.sendTogether(records.toArray(ProducerRecord[]::new));
            await().atMost(Duration.ofMinutes(3)).until(() -> count(team, "FIRST_RESPONSE", SlaClockState.MET) == TICKETS);
            long lostRaces = sessions.getStatistics().getOptimisticFailureCount() - lostRacesBefore;
            LOG.infof("transactions that lost a race on an entity's version meanwhile: %d", lostRaces);
            assertEquals(TICKETS, count(team, "RESOLUTION", SlaClockState.RUNNING), "the resolution clocks run on");
            assertEquals(0L, pendingFirstResponseAlarms(team), "nothing left for the scan to announce");

            // a ticket's SLA events are in order on one partition: once its last is here, all of it is
            sla.awaitAtLeast(TICKETS, Duration.ofMinutes(1),
                    r -> keys.contains(r.key()) && "sla.clock-stopped".equals(header(r, "ce_type")));

            Map<String, List<String>> told = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : sla.records(r -> keys.contains(r.key()))) {
                String metric = EventCodec.parse(r.value()).path("clock").path("metric").asText();
                told.computeIfAbsent(r.key() + " " + metric, k -> new ArrayList<>()).add(header(r, "ce_type"));
            }
            int scannedFirst = 0;
            for (String key : keys) {
                List<String> firstResponse = told.get(key + " FIRST_RESPONSE");
                assertTrue(ANSWERED_BEFORE_THE_SCAN.equals(firstResponse) || ANSWERED_AFTER_THE_SCAN.equals(firstResponse),
                        "ticket " + key + "'s first response: " + firstResponse);
                scannedFirst += ANSWERED_AFTER_THE_SCAN.equals(firstResponse) ? 1 : 0;
                assertEquals(List.of("sla.clock-started"), told.get(key + " RESOLUTION"), "ticket " + key + "'s resolution");
            }
            assertEquals(2 * TICKETS, told.size(), "no other clock");
            assertEquals(List.of(), dlq.records(r -> partition.equals(r.key())), "no event dead-lettered");
            assertEquals(0, lostRaces, "no poll thrown away because the scan changed its clocks under it");
            LOG.infof("%d of %d first-response clocks were announced by the scan before their reply was applied",
                    scannedFirst, TICKETS);
        }
    }

    private long count(String team, String metric, SlaClockState state) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                        select count(c) from SlaClock c
                        where c.team = :team and c.metric = :metric and c.state = :state""", Long.class)
                .setParameter("team", team).setParameter("metric", metric).setParameter("state", state)
                .getSingleResult());
    }

    private long pendingFirstResponseAlarms(String team) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                        select count(c) from SlaClock c
                        where c.team = :team and c.metric = 'FIRST_RESPONSE' and c.nextAlertAt is not null""", Long.class)
                .setParameter("team", team).getSingleResult());
    }
}
