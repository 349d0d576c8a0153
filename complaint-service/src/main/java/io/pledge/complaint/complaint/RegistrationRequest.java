package io.pledge.complaint.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.pledge.platform.security.Scope;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A complaint a CRM registered by REST for a ticket whose {@code ticket.opened} has not reached
 * complaint-service yet (topics and services are not in step). It is registered, as asked, when the
 * ticket's first event arrives, and only if the ticket then lies within the scope the requester had
 * when asking (kept here: a consumer has no token to read it from). One per ticket and requester.
 */
@Entity
@Table(name = "complaint_registration_request")
public class RegistrationRequest {

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
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

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requester_roles", nullable = false)
    public String[] requesterRoles = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requester_teams", nullable = false)
    public String[] requesterTeams = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "requester_departments", nullable = false)
    public String[] requesterDepartments = {};

    @Column(name = "requester_client")
    public String requesterClient;

    /** Keeps who asks and what their token lets them reach. */
    void requestedBy(Scope scope) {
        requestedBy = scope.subject();
        requesterRoles = scope.roles().toArray(String[]::new);
        requesterTeams = scope.teams().toArray(String[]::new);
        requesterDepartments = scope.departments().toArray(String[]::new);
        requesterClient = scope.client().orElse(null);
    }

    /** The requester's scope as it was when they asked. */
    public Scope requesterScope() {
        return new Scope(requestedBy, names(requesterRoles), names(requesterTeams), names(requesterDepartments),
                Optional.ofNullable(requesterClient));
    }

    private static Set<String> names(String[] names) {
        return names == null ? Set.of() : new HashSet<>(Arrays.asList(names));
    }
}
