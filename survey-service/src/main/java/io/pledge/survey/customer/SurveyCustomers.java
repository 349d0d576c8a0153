package io.pledge.survey.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** Opt-out and the last invitation, per customer (the CRM's customer id; no contact data). */
@ApplicationScoped
public class SurveyCustomers {

    @Inject
    EntityManager em;

    public Optional<SurveyCustomer> find(String customerId) {
        return Optional.ofNullable(em.find(SurveyCustomer.class, customerId));
    }

    @Transactional
    public SurveyCustomer setOptedOut(String customerId, boolean optedOut, Instant at) {
        SurveyCustomer customer = getOrCreate(customerId, at);
        customer.optedOut = optedOut;
        customer.changedAt = at;
        return customer;
    }

    /**
     * The customer, locked for the rest of the transaction: two surveys of one customer falling due
     * in the same instant must not both pass the once-per-window check.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SurveyCustomer lockForInvitation(String customerId, Instant at) {
        SurveyCustomer customer = getOrCreate(customerId, at);
        em.flush();
        em.lock(customer, LockModeType.PESSIMISTIC_WRITE);
        return customer;
    }

    private SurveyCustomer getOrCreate(String customerId, Instant at) {
        SurveyCustomer customer = em.find(SurveyCustomer.class, customerId);
        if (customer == null) {
            customer = new SurveyCustomer();
            customer.customerId = customerId;
            customer.changedAt = at;
            em.persist(customer);
        }
        return customer;
    }
}
