package io.pledge.notify.alert;

/** How an alert reaches a person: e-mail through SMTP, or their chat incoming webhook. */
public enum AlertChannel {
    EMAIL, CHAT
}
