package io.pledge.complaint.complaint;

import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A complaint (投诉) about one ticket, on its way through the complaint procedure. */
@Entity
@Table(name = "complaint")
public class Complaint {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false, unique = true)
    public UUID ticketId;

    /** The CRM's id of the customer (for repeat complaints); no contact data. */
    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ComplaintState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    /** The department responsible for handling it, once routed. */
    public String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    public String team;

    public String agent;

    /** Event time of the contact that raised it. */
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Version
    public int version;
}
