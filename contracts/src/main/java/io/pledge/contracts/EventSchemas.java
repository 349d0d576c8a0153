package io.pledge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates event data against the JSON Schema of its type. Producers validate before an event
 * enters the outbox; consumers validate before they apply one.
 */
public final class EventSchemas {

    private static final Map<EventType, JsonSchema> SCHEMAS = load();

    /** The violations of the schema of {@code type}; empty when the data is valid. */
    public static List<String> violations(EventType type, JsonNode data) {
        return SCHEMAS.get(type).validate(data).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static Map<EventType, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // "format" (uuid, date-time, duration) is only an annotation in 2020-12 unless asserted.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no JSON Schema at " + type.schemaResource());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    private EventSchemas() {
    }
}
