package io.pledge.platform.paging;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a newest-first list ended: the last item's instant and id, opaque to callers
 * (blueprint §6: lists page with a cursor). The next page holds the items strictly before it in
 * {@code (at desc, id desc)} order.
 */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 for a cursor this API did not hand out */
    public static PageCursor parse(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            return new PageCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
        }
    }
}
