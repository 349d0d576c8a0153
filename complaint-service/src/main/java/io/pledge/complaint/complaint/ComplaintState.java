package io.pledge.complaint.complaint;

/** The steps of the complaint procedure (seeds 000, 001, 002, 004). */
public enum ComplaintState {
    REGISTERED, ACKNOWLEDGED, INVESTIGATING, RESOLUTION_PROPOSED, FOLLOW_UP, CLOSED
}
