package io.pledge.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventType;
import io.pledge.contracts.PledgeEvent;

import java.time.Instant;

/**
 * An event as a consumer received it: already checked to be a CloudEvent of a known type whose
 * data fits its schema.
 *
 * @param id the CloudEvents id, unique per event: the key of idempotent consumption
 * @param time when it happened in the world (event time): compute from this, never from arrival
 */
public record InboundEvent(String id, EventType type, String source, String subject, Instant time, JsonNode data) {

    public boolean is(EventType candidate) {
        return type == candidate;
    }

    public <T extends PledgeEvent> T dataAs(Class<T> dataClass) {
        if (dataClass != type.dataClass()) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataClass().getSimpleName()
                    + ", not " + dataClass.getSimpleName());
        }
        return EventCodec.fromTree(data, dataClass);
    }
}
