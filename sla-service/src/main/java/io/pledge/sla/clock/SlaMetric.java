package io.pledge.sla.clock;

/** The promises a clock can time (custom milestones come with operator policies). */
public enum SlaMetric {
    FIRST_RESPONSE, NEXT_RESPONSE, PERIODIC_UPDATE, RESOLUTION
}
