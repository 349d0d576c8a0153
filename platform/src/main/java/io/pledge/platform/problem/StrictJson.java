package io.pledge.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;

/**
 * Request bodies are read strictly (blueprint §6: bad input is a 400, never a 500): a key given
 * twice, anything after the body, a NUL character in a text (PostgreSQL cannot store it) and an
 * instant outside the years 0001–9999 (PostgreSQL's range, with room) are refused naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** The instants a request may carry: PostgreSQL stores 4713 BC to 294276 AD; a service has no use beyond these. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule module = new SimpleModule("pledge-strict-json");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class || type == Instant.class) {
                    return new Checked(deserializer);
                }
                return deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** Whether an instant lies in what the services store. */
    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The field's deserializer, then the check; a failure names the field through Jackson's path. */
    private static final class Checked extends DelegatingDeserializer {

        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegatee) {
            return new Checked(delegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                return context.handleWeirdStringValue(String.class, text, "must not contain NUL characters (U+0000)");
            }
            if (value instanceof Instant instant && !storable(instant)) {
                return context.handleWeirdStringValue(Instant.class, instant.toString(),
                        "must lie between " + EARLIEST + " and " + LATEST);
            }
            return value;
        }
    }
}
