package io.pledge.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one JSON form of event data: ISO-8601 instants and durations, absent optional fields
 * omitted, unknown fields ignored (so a producer may add optional fields without breaking
 * older consumers).
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static byte[] toBytes(PledgeEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event, e);
        }
    }

    public static JsonNode toTree(PledgeEvent event) {
        return MAPPER.valueToTree(event);
    }

    /** Parses bytes as JSON; throws {@link IllegalArgumentException} for anything that is not. */
    public static JsonNode parse(byte[] data) {
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty event data");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("event data is not JSON: " + e.getMessage(), e);
        }
    }

    public static <T extends PledgeEvent> T fromTree(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data does not fit " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    private EventCodec() {
    }
}
