package io.pledge.sla.clock;

/** RUNNING and PAUSED count (or wait); BREACHED keeps counting its overrun until stopped; MET and CANCELLED are done. */
public enum SlaClockState {
    RUNNING, PAUSED, MET, BREACHED, CANCELLED
}
