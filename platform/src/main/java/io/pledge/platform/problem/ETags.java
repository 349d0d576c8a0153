package io.pledge.platform.problem;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Our ETags: an entity's version number, strong, e.g. {@code "3"}; {@link IfMatch} reads them back
 * from a request. One place, so that every service hands them out alike.
 */
public final class ETags {

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** 200 with the view and the ETag of its version. */
    public static Response ok(Object view, int version) {
        return Response.ok(view).tag(of(version)).build();
    }

    /** 201 at {@code location} with the view and the ETag of its version. */
    public static Response created(URI location, Object view, int version) {
        return Response.created(location).tag(of(version)).entity(view).build();
    }

    private ETags() {
    }
}
