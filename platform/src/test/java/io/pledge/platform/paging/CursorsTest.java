package io.pledge.platform.paging;

import io.pledge.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The opaque cursors of blueprint §6: what a page hands out is what the next request reads back. */
class CursorsTest {

    @Test
    void aKeyCursorReadsBackTheKeysItWasMadeOf() {
        KeyCursor cursor = KeyCursor.of("3", "policy-a");
        KeyCursor read = KeyCursor.parse(cursor.encode(), 2);
        assertEquals(3, read.number(0));
        assertEquals("policy-a", read.key(1));
        assertNull(KeyCursor.parse(null, 2), "no cursor: the first page");
        assertNull(KeyCursor.parse("", 2));
    }

    @Test
    void aCursorThisApiDidNotHandOutIsA400() {
        for (String bad : List.of("%%%", KeyCursor.of("only-one").encode())) {
            ProblemException e = assertThrows(ProblemException.class, () -> KeyCursor.parse(bad, 2), bad);
            assertEquals(400, e.status().getStatusCode());
        }
        ProblemException e = assertThrows(ProblemException.class, () -> KeyCursor.parse(KeyCursor.of("x", "y").encode(), 2).number(0));
        assertEquals(400, e.status().getStatusCode());
    }

    @Test
    void theNextCursorIsThePagesLastItemOnlyWhenARowPastThePageWasFound() {
        List<String> threeFound = List.of("a", "b", "c");
        assertEquals(KeyCursor.of("b").encode(), KeyCursor.next(threeFound, 2, KeyCursor::of));
        assertNull(KeyCursor.next(threeFound, 3, KeyCursor::of), "the list ends on this page");
        assertNull(KeyCursor.next(List.<String>of(), 2, KeyCursor::of));
    }

    @Test
    void aPageCursorReadsBackItsInstantAndId() {
        Instant at = Instant.parse("2026-12-04T10:15:30.123456Z");
        UUID id = UUID.randomUUID();
        PageCursor read = PageCursor.parse(new PageCursor(at, id).encode());
        assertEquals(at, read.at());
        assertEquals(id, read.id());
    }
}
