package io.pledge.notify.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A receiver's wish to be told of events: where, which, and the secrets its deliveries are signed
 * with. Its methods carry its own transitions.
 */
@Entity
@Table(name = "webhook_subscription")
public class Subscription {

    public enum State { ACTIVE, DISABLED }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public UUID id;

    /** The integration client that owns it; null for an admin's. */
    @Column(name = "owner_client")
    public String ownerClient;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The recipient (staff directory id) told when the endpoint is disabled. */
    @Column(nullable = false)
    public String contact;

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    public String team;
    public String department;
    public String category;

    @Column(name = "source_system")
    public String sourceSystem;

    public String description;

    @Column(nullable = false)
    public boolean unordered;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Version
    public int version;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new secret in the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Replaces the secret: the previous one keeps signing beside the new one for {@code overlap},
     * so that the receiver can switch without losing a delivery.
     *
     * @return the new secret (shown once)
     */
    public String rotateSecret(Instant now, Duration overlap) {
        previousSecret = secret;
        previousSecretUntil = now.plus(overlap);
        secret = newSecret();
        updatedAt = now;
        return secret;
    }

    /** The secrets each delivery is signed with now: the current one, and the previous one during an overlap. */
    public static List<String> signingSecrets(String secret, String previousSecret, Instant previousUntil, Instant now) {
        return previousSecret != null && previousUntil != null && now.isBefore(previousUntil)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** Turned on again by its owner: failures start counting afresh, waiting deliveries resume. */
    public void enable(Instant now) {
        state = State.ACTIVE;
        failingSince = null;
        disabledAt = null;
        updatedAt = now;
    }
}
