package io.pledge.notify.alert;

/** What an alert is: the alert an event called for, or the correction of one whose cause was retracted. */
public enum AlertKind {
    ALERT, CORRECTION;

    /** alert.sent's kind for an alert that went out inside a digest (a summary of several). */
    public static final String DIGEST = "DIGEST";
}
