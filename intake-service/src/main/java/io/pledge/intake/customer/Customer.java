package io.pledge.intake.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A customer as the CRM knows them. Contact data only as ciphertext (see FieldCipher). */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    public UUID id;

    /** The CRM's id: what events carry as customerId. Unique within {@link #sourceSystem} only. */
    @Column(name = "external_id", nullable = false)
    public String externalId;

    /**
     * The integration (client id) whose CRM record this is: its namespace, so that another CRM's
     * customer with the same externalId is another row. Null for a customer entered by staff, which
     * belongs to no CRM (see CustomerDirectory#upsert).
     */
    @Column(name = "source_system")
    public String sourceSystem;

    public String tier;

    /** The key that encrypted this row's contact data. */
    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(name = "name_enc")
    public byte[] nameEnc;

    @Column(name = "phone_enc")
    public byte[] phoneEnc;

    @Column(name = "email_enc")
    public byte[] emailEnc;

    @Column(name = "phone_hash")
    public String phoneHash;

    @Column(name = "email_hash")
    public String emailHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
