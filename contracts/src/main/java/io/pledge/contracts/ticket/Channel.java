package io.pledge.contracts.ticket;

/** How the customer reached us. */
public enum Channel {
    PHONE, EMAIL, CHAT, WEB, WALK_IN, SOCIAL
}
