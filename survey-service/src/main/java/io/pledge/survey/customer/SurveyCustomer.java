package io.pledge.survey.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A customer as surveys see them: opted out or not, and when they were last invited. */
@Entity
@Table(name = "survey_customer")
public class SurveyCustomer {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "opted_out", nullable = false)
    public boolean optedOut;

    @Column(name = "last_invited_at")
    public Instant lastInvitedAt;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
