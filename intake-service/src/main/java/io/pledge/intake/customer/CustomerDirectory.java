package io.pledge.intake.customer;

import io.pledge.intake.privacy.FieldCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Customers and their encrypted contact data: stored, updated, found by keyed hash, shown decrypted. */
@ApplicationScoped
public class CustomerDirectory {

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    /**
     * The customer with this CRM id, created if new; contact fields given here replace stored ones
     * (the CRM is the master of contact data), fields left out are kept.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer upsert(CustomerDetails details, Instant now) {
        Customer customer = byExternalId(details.externalId()).orElse(null);
        if (customer == null) {
            customer = new Customer();
            customer.id = UUID.randomUUID();
            customer.externalId = details.externalId();
            customer.keyId = cipher.activeKeyId();
            customer.createdAt = now;
            customer.updatedAt = now;
            em.persist(customer);
        }
        // Write only what changed: concurrent tickets of one customer must not fight over the row.
        boolean changed = reencryptIfRotated(customer);
        if (details.tier() != null && !details.tier().equals(customer.tier)) {
            customer.tier = details.tier();
            changed = true;
        }
        if (details.name() != null
                && !details.name().equals(cipher.decrypt(customer.keyId, "customer.name", customer.nameEnc))) {
            customer.nameEnc = cipher.encrypt("customer.name", details.name());
            changed = true;
        }
        if (details.phone() != null) {
            String hash = cipher.hash(FieldCipher.normalisePhone(details.phone()));
            if (!hash.equals(customer.phoneHash)) {
                customer.phoneEnc = cipher.encrypt("customer.phone", details.phone());
                customer.phoneHash = hash;
                changed = true;
            }
        }
        if (details.email() != null) {
            String hash = cipher.hash(FieldCipher.normaliseEmail(details.email()));
            if (!hash.equals(customer.emailHash)) {
                customer.emailEnc = cipher.encrypt("customer.email", details.email());
                customer.emailHash = hash;
                changed = true;
            }
        }
        if (changed) {
            customer.updatedAt = now;
        }
        return customer;
    }

    /** A caller known only by number: found by its keyed hash, or recorded under a pseudonymous id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer forCaller(String phone, Instant now) {
        String hash = cipher.hash(FieldCipher.normalisePhone(phone));
        return byPhoneHash(hash).stream().findFirst().orElseGet(() ->
                upsert(new CustomerDetails("caller-" + hash.substring(0, 20), null, phone, null, null), now));
    }

    public Optional<Customer> byExternalId(String externalId) {
        return em.createQuery("from Customer c where c.externalId = :id", Customer.class)
                .setParameter("id", externalId).getResultStream().findFirst();
    }

    public List<Customer> byPhone(String phone) {
        return byPhoneHash(cipher.hash(FieldCipher.normalisePhone(phone)));
    }

    public List<Customer> byEmail(String email) {
        return em.createQuery("from Customer c where c.emailHash = :hash order by c.createdAt", Customer.class)
                .setParameter("hash", cipher.hash(FieldCipher.normaliseEmail(email))).setMaxResults(20).getResultList();
    }

    public CustomerDetails reveal(Customer customer) {
        return new CustomerDetails(customer.externalId,
                cipher.decrypt(customer.keyId, "customer.name", customer.nameEnc),
                cipher.decrypt(customer.keyId, "customer.phone", customer.phoneEnc),
                cipher.decrypt(customer.keyId, "customer.email", customer.emailEnc),
                customer.tier);
    }

    private List<Customer> byPhoneHash(String hash) {
        return em.createQuery("from Customer c where c.phoneHash = :hash order by c.createdAt", Customer.class)
                .setParameter("hash", hash).setMaxResults(20).getResultList();
    }

    /** A row touched after a key rotation moves to the active key, so old keys can retire. */
    private boolean reencryptIfRotated(Customer customer) {
        if (customer.keyId.equals(cipher.activeKeyId())) {
            return false;
        }
        CustomerDetails plain = reveal(customer);
        customer.keyId = cipher.activeKeyId();
        customer.nameEnc = cipher.encrypt("customer.name", plain.name());
        customer.phoneEnc = cipher.encrypt("customer.phone", plain.phone());
        customer.emailEnc = cipher.encrypt("customer.email", plain.email());
        return true;
    }
}
