package io.pledge.sla.clock;

public enum SlaClockState {
    RUNNING, PAUSED, MET, BREACHED, CANCELLED
}
