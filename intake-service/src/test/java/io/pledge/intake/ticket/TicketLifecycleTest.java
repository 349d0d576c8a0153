package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.intake.ticket.TicketLifecycle.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pledge.contracts.ticket.TicketStatus.CLOSED;
import static io.pledge.contracts.ticket.TicketStatus.ON_HOLD;
import static io.pledge.contracts.ticket.TicketStatus.OPEN;
import static io.pledge.contracts.ticket.TicketStatus.PENDING_CUSTOMER;
import static io.pledge.contracts.ticket.TicketStatus.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketLifecycleTest {

    @Test
    void workingStatusesMoveBetweenEachOtherButNotToThemselvesOrToResolved() {
        assertDoesNotThrow(() -> TicketLifecycle.checkStatusChange(OPEN, PENDING_CUSTOMER));
        assertDoesNotThrow(() -> TicketLifecycle.checkStatusChange(PENDING_CUSTOMER, ON_HOLD));
        assertDoesNotThrow(() -> TicketLifecycle.checkStatusChange(ON_HOLD, OPEN));
        assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.checkStatusChange(OPEN, OPEN));
        assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.checkStatusChange(OPEN, RESOLVED));
        assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.checkStatusChange(RESOLVED, OPEN));
    }

    @Test
    void aResolvedTicketMayBeReopenedOrClosedAndAClosedOneIsFinal() {
        assertEquals(List.of(Action.REOPEN, Action.CLOSE, Action.MESSAGE, Action.ASSIGN, Action.RECLASSIFY,
                Action.DISPATCH_VISIT, Action.COMPLETE_VISIT), TicketLifecycle.allowedActions(RESOLVED));
        assertEquals(List.of(), TicketLifecycle.allowedActions(CLOSED));
        for (TicketStatus working : TicketLifecycle.WORKING) {
            assertTrue(TicketLifecycle.allows(working, Action.RESOLVE));
        }
    }

    @Test
    void anIllegalStepNamesWhatIsAllowed() {
        TicketLifecycle.IllegalStep step = assertThrows(TicketLifecycle.IllegalStep.class,
                () -> TicketLifecycle.check(RESOLVED, Action.RESOLVE));
        assertEquals("cannot resolve: the ticket is RESOLVED; allowed: reopen, close, add a message, assign, reclassify, "
                + "dispatch an on-site visit, complete an on-site visit", step.getMessage());
        step = assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.check(CLOSED, Action.MESSAGE));
        assertEquals("cannot add a message: the ticket is CLOSED; allowed: nothing (the ticket is final)", step.getMessage());
    }

    @Test
    void aVisitIsRequestedWhileTheTicketIsWorkedOnAndFollowedThroughUntilItCloses() {
        for (TicketStatus working : TicketLifecycle.WORKING) {
            assertTrue(TicketLifecycle.allows(working, Action.REQUEST_VISIT));
        }
        assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.check(RESOLVED, Action.REQUEST_VISIT));
        assertDoesNotThrow(() -> TicketLifecycle.check(RESOLVED, Action.DISPATCH_VISIT));
        assertDoesNotThrow(() -> TicketLifecycle.check(RESOLVED, Action.COMPLETE_VISIT));
        assertThrows(TicketLifecycle.IllegalStep.class, () -> TicketLifecycle.check(CLOSED, Action.COMPLETE_VISIT));
    }

    @Test
    void aCustomersMessageReopensAResolvedTicketAndEndsTheWaitForTheCustomer() {
        assertEquals(OPEN, TicketLifecycle.afterCustomerMessage(RESOLVED));
        assertEquals(OPEN, TicketLifecycle.afterCustomerMessage(PENDING_CUSTOMER));
        assertEquals(ON_HOLD, TicketLifecycle.afterCustomerMessage(ON_HOLD));
    }
}
