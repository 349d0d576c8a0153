package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Priority;

/** How serious a complaint is; starts from the ticket's priority and may be adjusted. */
public enum Severity {
    CRITICAL, MAJOR, MODERATE, MINOR;

    public static Severity fromPriority(Priority priority) {
        return switch (priority) {
            case URGENT -> CRITICAL;
            case HIGH -> MAJOR;
            case NORMAL -> MODERATE;
            case LOW -> MINOR;
        };
    }
}
