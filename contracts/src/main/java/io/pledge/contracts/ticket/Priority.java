package io.pledge.contracts.ticket;

public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
