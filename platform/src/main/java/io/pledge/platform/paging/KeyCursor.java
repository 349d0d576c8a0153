package io.pledge.platform.paging;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Where a page of a list ordered by string keys ended (blueprint §6: lists page with a cursor):
 * the sort keys of its last item, opaque to callers. {@link PageCursor} is for newest-first
 * (instant, id) lists; this one for lists in an order of their own (sla's calendars: built-in first,
 * then name; policies and survey templates: the order they are tried in; kpi targets: the
 * catalogue's), so the next page starts strictly after these keys.
 */
public record KeyCursor(List<String> keys) {

    /** The default page size of these lists, and the most one page may hold. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    private static final String SEPARATOR = "\n";   // never part of an id, a name or a number

    public static KeyCursor of(String... keys) {
        return new KeyCursor(List.of(keys));
    }

    public String key(int index) {
        return keys.get(index);
    }

    /** Key {@code index} as a number (a position); a 400 for a cursor this API did not hand out. */
    public int number(int index) {
        try {
            return Integer.parseInt(keys.get(index));
        } catch (NumberFormatException e) {
            throw foreign();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The encoded cursor of the page's last item, or null when {@code found} ends the list: a page
     * reads {@code limit + 1} rows, and the one past the page says that there is another.
     *
     * @param keysOf an item's sort keys, in the list's order
     */
    public static <T> String next(List<T> found, int limit, Function<T, KeyCursor> keysOf) {
        return found.size() > limit ? keysOf.apply(found.get(limit - 1)).encode() : null;
    }

    /** The cursor in {@code text}, which must hold {@code size} keys; null for no cursor (the first page). */
    public static KeyCursor parse(String text, int size) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (parts.length != size) {
                throw new IllegalArgumentException("wrong number of keys");
            }
            return new KeyCursor(List.of(parts));
        } catch (IllegalArgumentException e) {
            throw foreign();
        }
    }

    private static ProblemException foreign() {
        return new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
    }
}
