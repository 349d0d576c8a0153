package io.pledge.notify.alert;

/**
 * A channel could not deliver a message. {@code permanent}: trying again cannot help (a chat
 * webhook refused by the outbound rules, a 4xx other than 408 and 429); otherwise it is retried.
 */
public class SendFailure extends Exception {

    private final boolean permanent;

    public SendFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
