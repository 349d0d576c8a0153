package io.pledge.complaint.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A complaint a CRM registered by REST for a ticket whose {@code ticket.opened} has not reached
 * complaint-service yet (topics and services are not in step). It is registered, as asked, when the
 * ticket's first event arrives.
 */
@Entity
@Table(name = "complaint_registration_request")
public class RegistrationRequest {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Enumerated(EnumType.STRING)
    public Subject subject;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    public String department;

    public String description;
}
