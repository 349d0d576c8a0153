package io.pledge.intake.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * The first request a caller sent with an {@code Idempotency-Key}: a retry with the same key and
 * the same body gets the same ticket (or on-site visit) back; the same key with another request is refused.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    @EmbeddedId
    public Id id;

    /** The request's fingerprint (RequestFingerprint: HMAC-SHA256, plain SHA-256 in older rows), to tell a retry from a different request under a reused key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    /** The ticket the request opened, or the ticket of the visit it requested. */
    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    /** The on-site visit the request asked for; null for a request that opened a ticket. */
    @Column(name = "visit_id")
    public UUID visitId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Keys are per caller (the token's subject): two CRMs may pick the same key. */
    @Embeddable
    public record Id(@Column(name = "caller") String caller, @Column(name = "key") String key) implements Serializable {
    }
}
