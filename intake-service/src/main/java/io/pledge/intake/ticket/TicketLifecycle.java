package io.pledge.intake.ticket;

import io.pledge.contracts.ticket.TicketStatus;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.pledge.contracts.ticket.TicketStatus.CLOSED;
import static io.pledge.contracts.ticket.TicketStatus.ON_HOLD;
import static io.pledge.contracts.ticket.TicketStatus.OPEN;
import static io.pledge.contracts.ticket.TicketStatus.PENDING_CUSTOMER;
import static io.pledge.contracts.ticket.TicketStatus.RESOLVED;

/**
 * What may happen to a ticket in each status. Working statuses (OPEN, PENDING_CUSTOMER, ON_HOLD)
 * move freely between each other and may be resolved; a resolved ticket may be reopened or closed;
 * a closed ticket is final. A customer's message reopens a resolved ticket and puts one waiting
 * for the customer back to OPEN. An on-site visit is requested while the ticket is being worked on;
 * one under way may still be dispatched and completed after the resolution, until the ticket closes.
 */
public final class TicketLifecycle {

    public static final Set<TicketStatus> WORKING = EnumSet.of(OPEN, PENDING_CUSTOMER, ON_HOLD);

    /** The things a caller can ask of a ticket, as the API names them. */
    public enum Action {
        CHANGE_STATUS("change status"), RESOLVE("resolve"), REOPEN("reopen"), CLOSE("close"),
        MESSAGE("add a message"), ASSIGN("assign"), RECLASSIFY("reclassify"),
        REQUEST_VISIT("request an on-site visit"), DISPATCH_VISIT("dispatch an on-site visit"),
        COMPLETE_VISIT("complete an on-site visit");

        final String words;

        Action(String words) {
            this.words = words;
        }
    }

    /** Thrown for a step the ticket's status does not allow; the message names what is allowed. */
    public static final class IllegalStep extends RuntimeException {
        IllegalStep(String message) {
            super(message);
        }
    }

    public static boolean allows(TicketStatus status, Action action) {
        return switch (action) {
            case CHANGE_STATUS, RESOLVE, REQUEST_VISIT -> WORKING.contains(status);
            case REOPEN, CLOSE -> status == RESOLVED;
            case MESSAGE, ASSIGN, RECLASSIFY, DISPATCH_VISIT, COMPLETE_VISIT -> status != CLOSED;
        };
    }

    public static List<Action> allowedActions(TicketStatus status) {
        return Arrays.stream(Action.values()).filter(a -> allows(status, a)).toList();
    }

    /** @throws IllegalStep when {@code action} is not allowed in {@code status} */
    public static void check(TicketStatus status, Action action) {
        if (!allows(status, action)) {
            List<String> allowed = allowedActions(status).stream().map(a -> a.words).toList();
            throw new IllegalStep("cannot " + action.words + ": the ticket is " + status + "; allowed: "
                    + (allowed.isEmpty() ? "nothing (the ticket is final)" : String.join(", ", allowed)));
        }
    }

    /** @throws IllegalStep when a working-status change goes elsewhere than another working status */
    public static void checkStatusChange(TicketStatus from, TicketStatus to) {
        check(from, Action.CHANGE_STATUS);
        if (!WORKING.contains(to) || to == from) {
            List<TicketStatus> targets = WORKING.stream().filter(s -> s != from).toList();
            throw new IllegalStep("a " + from + " ticket can change status to " + targets
                    + "; RESOLVED and CLOSED are reached by resolving and closing");
        }
    }

    /** The status a customer's message leaves the ticket in. */
    public static TicketStatus afterCustomerMessage(TicketStatus status) {
        return switch (status) {
            case RESOLVED, PENDING_CUSTOMER -> OPEN;
            default -> status;
        };
    }

    private TicketLifecycle() {
    }
}
