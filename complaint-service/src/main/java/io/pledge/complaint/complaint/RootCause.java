package io.pledge.complaint.complaint;

/** Why a complaint arose, recorded at closing for the periodic review (复盘) of frequent problems. */
public enum RootCause {
    PRODUCT_DEFECT, SERVICE_ATTITUDE, PROCESS_GAP, COMMUNICATION, BILLING_ERROR, DELIVERY_DELAY, POLICY,
    THIRD_PARTY, CUSTOMER_EXPECTATION, OTHER
}
