package io.pledge.platform.problem;

import jakarta.ws.rs.core.Response;

/** Reads an {@code If-Match} header carrying one of our ETags (an entity's version number, {@link ETags}), and checks it. */
public final class IfMatch {

    /**
     * {@code "3"}, {@code W/"3"} or {@code 3} → 3; absent, blank or {@code *} → null (no check).
     *
     * @throws ProblemException 400 for anything else
     */
    public static Integer version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        try {
            return Integer.parseInt(header.trim().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "If-Match must be the ETag this API handed out, e.g. \"3\"");
        }
    }

    /**
     * Refuses a change made against an older version: 412 when {@code ifMatch} is given and is not
     * {@code version}. No If-Match (null) passes.
     *
     * @param what the thing, as the problem's detail names it, e.g. {@code "policy 'p1'"}
     */
    public static void check(Integer ifMatch, int version, String what) {
        if (ifMatch != null && ifMatch != version) {
            throw new ProblemException(Response.Status.PRECONDITION_FAILED,
                    what + " changed: its ETag is now \"" + version + "\", If-Match was \"" + ifMatch + "\"");
        }
    }

    private IfMatch() {
    }
}
