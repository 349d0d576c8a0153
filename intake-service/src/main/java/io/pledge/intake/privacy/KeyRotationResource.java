package io.pledge.intake.privacy;

import io.pledge.platform.problem.Problem;
import io.pledge.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Which keys still encrypt stored contact data, and moving it onto the active key (admins). */
@Path("/api/v1/privacy/keys")
@Tag(name = "Privacy", description = "Encryption keys of customer contact data")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "400", description = "Invalid request",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KeyRotationResource {

    @Inject
    KeyRotation rotation;

    @Inject
    FieldCipher cipher;

    /** @param rows per key id, how many customers, calls and tracking tokens it encrypted */
    public record KeyUsage(String activeKey, Map<String, Map<String, Long>> rows) {
    }

    public record Reencrypted(int reencrypted, KeyUsage usage) {
    }

    @GET
    @Operation(summary = "Rows per encryption key", description = "A key may leave PLEDGE_PII_KEYS once no row uses it.")
    public KeyUsage usage() {
        return new KeyUsage(cipher.activeKeyId(), rotation.usage());
    }

    @POST
    @Path("/reencrypt")
    @Operation(summary = "Move stored contact data onto the active key",
            description = "Re-encrypts up to `limit` rows still under an older key; repeat until none is left.")
    public Reencrypted reencrypt(@QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(100000) int limit) {
        int moved = rotation.reencrypt(limit);
        return new Reencrypted(moved, usage());
    }
}
