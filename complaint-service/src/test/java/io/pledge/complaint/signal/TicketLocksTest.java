package io.pledge.complaint.signal;

import io.pledge.complaint.complaint.Complaints;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.sla.SlaBreached;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.platform.events.InboundEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.breach;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.complaint.ComplaintFixtures.ticketOpened;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which events take their ticket's lock, and how (issue #17): the consumers of ticket, SLA and
 * survey events waited for each other's whole polls while every event took it. Each case runs in a
 * transaction that is rolled back, so it leaves nothing behind.
 */
@QuarkusTest
class TicketLocksTest {

    @Inject
    ComplaintSignals signals;

    @Inject
    Complaints complaints;

    @Inject
    EntityManager em;

    @Test
    void aBreachOfATicketThatIsNoComplaintAndHasNoneTakesNoTicketLock() {
        assertEquals(0, ticketLocksHeldApplying(breachOf(ticketOpened(Category.INQUIRY, Priority.NORMAL, newCustomer(), now()))));
    }

    @Test
    void aBreachOfAComplaintTicketTakesItsTicketLockSinceItMayWaitForTheComplaint() {
        assertEquals(1, ticketLocksHeldApplying(breachOf(ticketOpened(Category.COMPLAINT, Priority.NORMAL, newCustomer(), now()))));
    }

    @Test
    void aPollOfTicketEventsLocksEachOfItsTicketsOnceInOneStatement() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        QuarkusTransaction.begin();
        try {
            complaints.lockTickets(List.of(ids.get(2), ids.get(0), ids.get(1), ids.get(0)));
            assertEquals(3, advisoryLocksHeld());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static InboundEvent breachOf(TicketOpened ticket) {
        Instant breachedAt = ticket.openedAt().plus(Duration.ofHours(2));
        SlaBreached breached = breach(ticket, UUID.randomUUID(), breachedAt);
        return new InboundEvent(UUID.randomUUID().toString(), EventType.SLA_BREACHED, "sla-service",
                ticket.ticket().ticketId().toString(), breachedAt, EventCodec.toTree(breached));
    }

    /** Applies the event and counts the advisory locks its transaction then holds. */
    private long ticketLocksHeldApplying(InboundEvent event) {
        QuarkusTransaction.begin();
        try {
            signals.apply(event);
            return advisoryLocksHeld();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private long advisoryLocksHeld() {
        return ((Number) em.createNativeQuery(
                        "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")
                .getSingleResult()).longValue();
    }
}
