package io.pledge.intake.ticket;

import io.pledge.intake.IntakeConfig;
import io.pledge.intake.privacy.FieldCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The customer's link to follow a ticket: 256 random bits, looked up by SHA-256 (a token this
 * random needs no slow hash), kept encrypted so an agent can send it again, valid for a while.
 */
@ApplicationScoped
public class TrackingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    FieldCipher cipher;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    public void issue(Ticket ticket) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        ticket.trackingTokenHash = hash(token);
        ticket.trackingTokenEnc = cipher.encrypt("ticket.tracking-token", token);
        ticket.trackingKeyId = cipher.activeKeyId();
        ticket.trackingExpiresAt = ticket.createdAt.plus(config.tracking().validity());
    }

    public String reveal(Ticket ticket) {
        return ticket.trackingTokenEnc == null ? null
                : cipher.decrypt(ticket.trackingKeyId, "ticket.tracking-token", ticket.trackingTokenEnc);
    }

    /** The customer's link to the tracking page of {@code token} (null for a ticket without a token). */
    public String link(String token) {
        if (token == null) {
            return null;
        }
        String base = config.tracking().publicBaseUrl().toString();
        return (base.endsWith("/") ? base : base + "/") + "t/" + token;
    }

    /** The ticket a still-valid token belongs to. */
    public Optional<Ticket> find(String token, Instant now) {
        return em.createQuery("from Ticket t where t.trackingTokenHash = :hash", Ticket.class)
                .setParameter("hash", hash(token))
                .getResultStream()
                .filter(t -> t.trackingExpiresAt != null && now.isBefore(t.trackingExpiresAt))
                .findFirst();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
