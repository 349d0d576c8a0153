package io.pledge.platform.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** If-Match as clients send it back, and the 412 of a stale one. */
class IfMatchTest {

    @Test
    void ourETagIsReadQuotedWeakOrBare() {
        assertEquals(3, IfMatch.version("\"3\""));
        assertEquals(3, IfMatch.version("W/\"3\""));
        assertEquals(3, IfMatch.version(" 3 "));
        assertEquals("\"3\"", ETags.of(3).toString(), "what IfMatch reads is what ETags hands out");
    }

    @Test
    void absentBlankOrAnyMeanNoCheck() {
        assertNull(IfMatch.version(null));
        assertNull(IfMatch.version(" "));
        assertNull(IfMatch.version("*"));
        assertDoesNotThrow(() -> IfMatch.check(null, 7, "the ticket"));
    }

    @Test
    void anythingElseIsA400() {
        ProblemException e = assertThrows(ProblemException.class, () -> IfMatch.version("\"abc\""));
        assertEquals(400, e.status().getStatusCode());
    }

    @Test
    void aStaleVersionIsA412NamingBothVersionsAndTheCurrentOnePasses() {
        ProblemException e = assertThrows(ProblemException.class, () -> IfMatch.check(2, 3, "policy 'p1'"));
        assertEquals(412, e.status().getStatusCode());
        assertEquals("policy 'p1' changed: its ETag is now \"3\", If-Match was \"2\"", e.getMessage());
        assertDoesNotThrow(() -> IfMatch.check(3, 3, "policy 'p1'"));
    }
}
