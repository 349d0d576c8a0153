package io.pledge.intake.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.intake.privacy.FieldCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request's fingerprint: tells a retry from a different request under the same key (an
 * Idempotency-Key, a call id). It is an HMAC-SHA256 under the look-up key, not a plain hash: the
 * requests hold phone numbers and e-mail addresses, and a plain SHA-256 of a body whose other
 * fields are guessable gives the contact data away to anyone reading the table (phone numbers
 * are few enough to try them all).
 */
@ApplicationScoped
public class RequestFingerprint {

    /** Keeps fingerprints apart from the look-up hashes made with the same key. */
    private static final String DOMAIN = "request-fingerprint:";

    @Inject
    ObjectMapper json;

    @Inject
    FieldCipher cipher;

    /**
     * @param value  what to store: the keyed fingerprint
     * @param legacy the plain SHA-256 rows stored before fingerprints were keyed
     */
    public record Fingerprint(String value, String legacy) {

        /** Whether a stored fingerprint is this request's, in either form (a retry of an old request still replays). */
        public boolean matches(String stored) {
            return value.equals(stored) || legacy.equals(stored);
        }
    }

    public Fingerprint of(Object request) {
        try {
            String body = json.writeValueAsString(request);
            String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
            return new Fingerprint(cipher.hash(DOMAIN + body), legacy);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
