package io.pledge.intake.call;

import io.pledge.platform.security.Scope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A call the phone system reported. The caller's number is kept only encrypted and as a keyed hash. */
@Entity
@Table(name = "call")
public class Call {

    @Id
    @Column(name = "call_id")
    public String callId;

    public String queue;

    @Column(name = "caller_enc")
    public byte[] callerEnc;

    @Column(name = "caller_hash")
    public String callerHash;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "offered_at", nullable = false)
    public Instant offeredAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "abandoned_at")
    public Instant abandonedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** The agent, team and department the phone system named: what the call's KPIs are counted under. */
    public String agent;

    public String team;

    public String department;

    /** The phone system that reported the call: the client id of its token. */
    @Column(name = "source_system", nullable = false)
    public String sourceSystem;

    /** The PHONE ticket an answered call opened or joined. */
    @Column(name = "ticket_id")
    public UUID ticketId;

    /** Fingerprint of the first report (RequestFingerprint): the same call posted again changes nothing. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Where the call belongs: the team and department it was reported with, the system that reported it. */
    public Scope.Reach reach() {
        return new Scope.Reach(team, department, sourceSystem);
    }
}
