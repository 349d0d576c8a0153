package io.pledge.platform.events;

/**
 * A record that can never be applied, however often it is retried: not a CloudEvent, an unknown
 * type, data that breaks its schema. The consumer sends it to the dead-letter topic and goes on.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
