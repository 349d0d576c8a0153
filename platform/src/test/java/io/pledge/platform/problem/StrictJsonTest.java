package io.pledge.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict reading of request bodies, on a plain ObjectMapper customised as Quarkus does it. */
class StrictJsonTest {

    record Body(String name, Instant at, List<String> tags) {
    }

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static String fieldOf(JsonProcessingException e) {
        JsonMappingException mapping = assertInstanceOf(JsonMappingException.class, e);
        return mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
    }

    @Test
    void aNulCharacterInATextIsRefusedNamingTheField() {
        var refused = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue("{\"name\":\"a\\u0000b\"}", Body.class));
        assertEquals("name", fieldOf(refused));
        assertTrue(refused.getOriginalMessage().contains("NUL"), refused.getOriginalMessage());
    }

    @Test
    void aNulCharacterInATextOfAListIsRefused() {
        assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue("{\"tags\":[\"ok\",\"a\\u0000\"]}", Body.class));
    }

    @Test
    void anInstantPostgresqlCannotStoreIsRefusedNamingTheField() {
        var refused = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue("{\"at\":\"-999999999-01-01T00:00:00Z\"}", Body.class));
        assertEquals("at", fieldOf(refused));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        var refused = assertThrows(JsonProcessingException.class,
                () -> MAPPER.readValue("{\"name\":\"a\",\"name\":\"b\"}", Body.class));
        assertTrue(refused.getOriginalMessage().contains("name"), refused.getOriginalMessage());
    }

    @Test
    void anythingAfterTheBodyIsRefused() {
        assertThrows(JsonProcessingException.class, () -> MAPPER.readValue("{\"name\":\"a\"}\"name\":\"b\"}", Body.class));
    }

    @Test
    void aWellFormedBodyIsReadAsBefore() throws JsonProcessingException {
        assertEquals(new Body("Li Na", Instant.parse("2026-12-02T10:00:00Z"), List.of("vip")),
                MAPPER.readValue("{\"name\":\"Li Na\",\"at\":\"2026-12-02T10:00:00Z\",\"tags\":[\"vip\"]}", Body.class));
    }
}
