package io.pledge.complaint.complaint;

import java.util.Arrays;
import java.util.List;

import static io.pledge.complaint.complaint.ComplaintState.ACKNOWLEDGED;
import static io.pledge.complaint.complaint.ComplaintState.CLOSED;
import static io.pledge.complaint.complaint.ComplaintState.FOLLOW_UP;
import static io.pledge.complaint.complaint.ComplaintState.INVESTIGATING;
import static io.pledge.complaint.complaint.ComplaintState.REGISTERED;
import static io.pledge.complaint.complaint.ComplaintState.RESOLUTION_PROPOSED;

/**
 * The complaint procedure as a state machine: REGISTERED → ACKNOWLEDGED → INVESTIGATING →
 * RESOLUTION_PROPOSED → (accepted) FOLLOW_UP → CLOSED, or (rejected) back to INVESTIGATING a level
 * up. An unsatisfied follow-up visit or survey answer also sends it back to INVESTIGATING. Contacts,
 * the root cause, reclassification and manual escalation are allowed until it is closed.
 */
public final class ComplaintWorkflow {

    /** The things a caller can ask of a complaint, as the API names them. */
    public enum Action {
        ACKNOWLEDGE("acknowledge"),
        START_INVESTIGATION("start investigating"),
        PROPOSE_RESOLUTION("propose a resolution"),
        RECORD_ACCEPTANCE("record the customer's acceptance"),
        RECORD_REJECTION("record the customer's rejection"),
        RECORD_FOLLOW_UP("record the follow-up visit"),
        RECORD_CONTACT("record a contact with the customer"),
        RECORD_ROOT_CAUSE("record the root cause"),
        RECLASSIFY("reclassify"),
        ESCALATE("escalate");

        final String words;

        Action(String words) {
            this.words = words;
        }
    }

    /** Thrown for a step the complaint's state does not allow; the message names what is allowed. */
    public static final class IllegalStep extends RuntimeException {
        IllegalStep(String message) {
            super(message);
        }
    }

    public static boolean allows(ComplaintState state, Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> state == REGISTERED;
            case START_INVESTIGATION -> state == ACKNOWLEDGED;
            case PROPOSE_RESOLUTION -> state == INVESTIGATING;
            case RECORD_ACCEPTANCE, RECORD_REJECTION -> state == RESOLUTION_PROPOSED;
            case RECORD_FOLLOW_UP -> state == FOLLOW_UP;
            case RECORD_CONTACT, RECORD_ROOT_CAUSE, RECLASSIFY, ESCALATE -> state != CLOSED;
        };
    }

    public static List<Action> allowedActions(ComplaintState state) {
        return Arrays.stream(Action.values()).filter(a -> allows(state, a)).toList();
    }

    /** @throws IllegalStep when {@code action} is not allowed in {@code state} */
    public static void check(ComplaintState state, Action action) {
        if (!allows(state, action)) {
            List<String> allowed = allowedActions(state).stream().map(a -> a.words).toList();
            throw new IllegalStep("cannot " + action.words + ": the complaint is " + state + "; allowed: "
                    + (allowed.isEmpty() ? "nothing (the complaint is closed)" : String.join(", ", allowed)));
        }
    }

    /** An unsatisfied customer (rejection, follow-up, survey) sends the complaint back to investigation. */
    public static ComplaintState afterUnsatisfiedCustomer() {
        return INVESTIGATING;
    }

    /** Whether an unsatisfied survey answer reopens the complaint (rather than only escalating it). */
    public static boolean reopensOnUnsatisfiedSurvey(ComplaintState state) {
        return state == FOLLOW_UP || state == CLOSED;
    }

    private ComplaintWorkflow() {
    }
}
