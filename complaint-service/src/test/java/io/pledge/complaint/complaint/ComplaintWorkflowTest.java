package io.pledge.complaint.complaint;

import io.pledge.complaint.complaint.ComplaintWorkflow.Action;
import io.pledge.complaint.complaint.ComplaintWorkflow.IllegalStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pledge.complaint.complaint.ComplaintState.ACKNOWLEDGED;
import static io.pledge.complaint.complaint.ComplaintState.CLOSED;
import static io.pledge.complaint.complaint.ComplaintState.FOLLOW_UP;
import static io.pledge.complaint.complaint.ComplaintState.INVESTIGATING;
import static io.pledge.complaint.complaint.ComplaintState.REGISTERED;
import static io.pledge.complaint.complaint.ComplaintState.RESOLUTION_PROPOSED;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComplaintWorkflowTest {

    @Test
    void theMainPathIsOneStepPerState() {
        assertEquals(List.of(Action.ACKNOWLEDGE, Action.RECORD_CONTACT, Action.RECORD_ROOT_CAUSE, Action.RECLASSIFY,
                Action.ESCALATE), ComplaintWorkflow.allowedActions(REGISTERED));
        assertTrue(ComplaintWorkflow.allows(ACKNOWLEDGED, Action.START_INVESTIGATION));
        assertTrue(ComplaintWorkflow.allows(INVESTIGATING, Action.PROPOSE_RESOLUTION));
        assertTrue(ComplaintWorkflow.allows(RESOLUTION_PROPOSED, Action.RECORD_ACCEPTANCE));
        assertTrue(ComplaintWorkflow.allows(RESOLUTION_PROPOSED, Action.RECORD_REJECTION));
        assertTrue(ComplaintWorkflow.allows(FOLLOW_UP, Action.RECORD_FOLLOW_UP));
    }

    @Test
    void stepsOutOfOrderAreRefusedNamingWhatIsAllowed() {
        IllegalStep refused = assertThrows(IllegalStep.class,
                () -> ComplaintWorkflow.check(REGISTERED, Action.RECORD_ACCEPTANCE));
        assertEquals("cannot record the customer's acceptance: the complaint is REGISTERED; allowed: acknowledge,"
                + " record a contact with the customer, record the root cause, reclassify, escalate", refused.getMessage());
        assertFalse(ComplaintWorkflow.allows(INVESTIGATING, Action.RECORD_FOLLOW_UP));
        assertFalse(ComplaintWorkflow.allows(FOLLOW_UP, Action.PROPOSE_RESOLUTION));
        assertDoesNotThrow(() -> ComplaintWorkflow.check(INVESTIGATING, Action.PROPOSE_RESOLUTION));
    }

    @Test
    void aClosedComplaintTakesNoStep() {
        assertEquals(List.of(), ComplaintWorkflow.allowedActions(CLOSED));
        IllegalStep refused = assertThrows(IllegalStep.class, () -> ComplaintWorkflow.check(CLOSED, Action.ESCALATE));
        assertTrue(refused.getMessage().endsWith("allowed: nothing (the complaint is closed)"));
    }

    @Test
    void anUnsatisfiedCustomerSendsItBackToInvestigation() {
        assertEquals(INVESTIGATING, ComplaintWorkflow.afterUnsatisfiedCustomer());
        assertTrue(ComplaintWorkflow.reopensOnUnsatisfiedSurvey(FOLLOW_UP));
        assertTrue(ComplaintWorkflow.reopensOnUnsatisfiedSurvey(CLOSED));
        assertFalse(ComplaintWorkflow.reopensOnUnsatisfiedSurvey(INVESTIGATING));
    }
}
