package io.pledge.contracts;

/**
 * The data of one Pledge event. Implementations are records in this module, one per event type,
 * listed in {@link EventType}.
 */
public interface PledgeEvent {

    /**
     * The aggregate this event is about: the CloudEvents {@code subject} and the Kafka record key.
     * For everything about a ticket it is the ticket id, so a ticket's events stay in order.
     */
    String subject();
}
