package io.pledge.complaint.complaint;

/** What a complaint is about (the seeds' complaint categories). */
public enum Subject {
    PRODUCT, SERVICE_ATTITUDE, RESPONSE_SPEED, BILLING, OTHER
}
