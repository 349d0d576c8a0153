package io.pledge.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue #16: a service that lets the dashboard's origin in with bearer tokens names it exactly. */
class CorsOriginsTest {

    @Test
    void exactOriginsAreAccepted() {
        assertDoesNotThrow(() -> CorsOrigins.requireExact(List.of("http://localhost:8085", "https://pledge.example.com")));
    }

    @Test
    void aWildcardIsRefused() {
        assertThrows(IllegalStateException.class, () -> CorsOrigins.requireExact(List.of("*")));
        assertThrows(IllegalStateException.class, () -> CorsOrigins.requireExact(List.of("https://*.example.com")));
    }

    @Test
    void aPatternOrAnythingButAnOriginIsRefused() {
        assertThrows(IllegalStateException.class, () -> CorsOrigins.requireExact(List.of("/.*/")));
        assertThrows(IllegalStateException.class, () -> CorsOrigins.requireExact(List.of("https://pledge.example.com/")));
        assertThrows(IllegalStateException.class, () -> CorsOrigins.requireExact(List.of("pledge.example.com")));
    }
}
