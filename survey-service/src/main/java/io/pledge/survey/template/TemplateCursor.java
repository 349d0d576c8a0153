package io.pledge.survey.template;

import io.pledge.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of templates ended: the last one's position and id (templates are listed in the
 * order they are tried, not newest first, so the platform's PageCursor does not fit). Opaque to callers.
 */
record TemplateCursor(int position, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((position + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 for a cursor this API did not hand out */
    static TemplateCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            return new TemplateCursor(Integer.parseInt(decoded.substring(0, bar)), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "cursor is not one this API handed out");
        }
    }
}
