package io.pledge.intake.customer;

import io.pledge.intake.privacy.FieldCipher;
import io.pledge.platform.audit.AuditLog;
import io.pledge.platform.problem.ProblemException;
import io.pledge.platform.security.Roles;
import io.pledge.platform.security.Scope;
import io.pledge.platform.security.ScopeCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers and their encrypted contact data: stored, updated (by integrations only, in their own
 * namespace), found by keyed hash, shown decrypted only through {@link #disclose}, which writes each
 * decryption it returns to the audit log. A caller finds an existing customer only through its own
 * namespace (integration) or one of the customer's tickets it reaches (everyone).
 */
@ApplicationScoped
public class CustomerDirectory {

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    @Inject
    AuditLog audit;

    /**
     * The customer a new ticket of the caller is for (blueprint §6: a customer's contact data only
     * for those who reach one of its tickets), created when the caller knows none by this CRM id:
     * <ul>
     * <li>An integration looks only in its own namespace, its source system: a customer of another
     * CRM with the same externalId is not its customer (the id is that CRM's key), so it gets one
     * of its own. It is the master of its customers' contact data: fields given replace the stored
     * ones, fields left out are kept.</li>
     * <li>Staff link an existing customer only when they reach one of its tickets (one of their own
     * source system's first, else the oldest). Otherwise it is as if the customer were unknown: a
     * new record with what they sent, of no CRM's namespace, so that opening a ticket neither shows,
     * changes nor confirms another team's customer. Staff do not change the contact data of a
     * customer they reach: they send none, or the stored values.</li>
     * </ul>
     *
     * @param sourceSystem the source system of the caller's ticket (TicketService#sourceSystem)
     * @throws ProblemException 403 when a staff caller sends contact data differing from that of a customer they reach
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer upsert(CustomerDetails details, Instant now, Scope scope, String sourceSystem) {
        boolean integration = scope.is(Roles.INTEGRATION);
        Customer customer = integration ? inNamespace(sourceSystem, details.externalId()).orElse(null)
                : reachable(details.externalId(), scope, sourceSystem).orElse(null);
        if (customer != null && !integration && changesContactData(customer, details)) {
            // only said about a customer the caller reaches (and may read): no oracle for others' data
            throw new ProblemException(Response.Status.FORBIDDEN, "only integration clients change contact data: "
                    + "customer " + details.externalId() + " has other contact data on record (send none, or the stored)");
        }
        if (customer == null) {
            customer = new Customer();
            customer.id = UUID.randomUUID();
            customer.externalId = details.externalId();
            customer.sourceSystem = integration ? sourceSystem : null;
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

    /**
     * A caller known only by number: a customer with that number the caller reaches (through one of
     * its tickets, as {@link #find}), or else one recorded under a pseudonymous id, as {@link #upsert}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer forCaller(String phone, Instant now, Scope scope, String sourceSystem) {
        return find(phone, null, scope).stream().findFirst().orElseGet(() -> {
            String hash = cipher.hash(FieldCipher.normalisePhone(phone));
            return upsert(new CustomerDetails("caller-" + hash.substring(0, 20), null, phone, null, null), now,
                    scope, sourceSystem);
        });
    }

    /**
     * The customers with this phone number or e-mail address (one of them null) who have a ticket
     * the caller of {@code scope} reaches; everyone for a caller who sees everything.
     */
    public List<Customer> find(String phone, String email, Scope scope) {
        Map<String, Object> parameters = new HashMap<>();
        String reached = reached(scope, parameters);
        String column = phone != null ? "phoneHash" : "emailHash";
        parameters.put("hash", phone != null ? cipher.hash(FieldCipher.normalisePhone(phone))
                : cipher.hash(FieldCipher.normaliseEmail(email)));
        var query = em.createQuery("from Customer c where c." + column + " = :hash" + reached
                + " order by c.createdAt", Customer.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(20).getResultList();
    }

    /**
     * The customer's decrypted contact data, for an answer: the decryption is written to the audit
     * log ({@code contact-data.decrypted} on {@code target}, e.g. "ticket 1f0…", naming the fields
     * shown) in the caller's transaction. Call it only for a caller who reaches the customer.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerDetails disclose(Customer customer, String target) {
        return disclose(customer, new CustomerDetails(customer.externalId, "", "", "", null), target);
    }

    /**
     * As {@link #disclose(Customer, String)}, but only the fields {@code asked} carries (non-null):
     * the answer to a request repeats no contact data the request did not hold.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public CustomerDetails disclose(Customer customer, CustomerDetails asked, String target) {
        CustomerDetails shown = new CustomerDetails(customer.externalId,
                asked.name() == null ? null : cipher.decrypt(customer.keyId, "customer.name", customer.nameEnc),
                asked.phone() == null ? null : cipher.decrypt(customer.keyId, "customer.phone", customer.phoneEnc),
                asked.email() == null ? null : cipher.decrypt(customer.keyId, "customer.email", customer.emailEnc),
                customer.tier);
        List<String> fields = new ArrayList<>();
        if (shown.name() != null) {
            fields.add("name");
        }
        if (shown.phone() != null) {
            fields.add("phone");
        }
        if (shown.email() != null) {
            fields.add("email");
        }
        if (!fields.isEmpty()) {
            audit.record("contact-data.decrypted", target, String.join(",", fields));
        }
        return shown;
    }

    /** The customer without contact data: the CRM id and the tier. */
    public static CustomerDetails withheld(String externalId, String tier) {
        return new CustomerDetails(externalId, null, null, null, tier);
    }

    /** Whether a field of {@code details} differs from what is stored (phone and e-mail compared by keyed hash). */
    private boolean changesContactData(Customer customer, CustomerDetails details) {
        return details.name() != null
                && !details.name().equals(cipher.decrypt(customer.keyId, "customer.name", customer.nameEnc))
                || details.phone() != null
                && !Objects.equals(cipher.hash(FieldCipher.normalisePhone(details.phone())), customer.phoneHash)
                || details.email() != null
                && !Objects.equals(cipher.hash(FieldCipher.normaliseEmail(details.email())), customer.emailHash);
    }

    /** Decrypted, for work inside the service (re-encryption); never an answer: see {@link #disclose}. */
    CustomerDetails reveal(Customer customer) {
        return new CustomerDetails(customer.externalId,
                cipher.decrypt(customer.keyId, "customer.name", customer.nameEnc),
                cipher.decrypt(customer.keyId, "customer.phone", customer.phoneEnc),
                cipher.decrypt(customer.keyId, "customer.email", customer.emailEnc),
                customer.tier);
    }

    /** The integration's own customer with this CRM id. */
    private Optional<Customer> inNamespace(String sourceSystem, String externalId) {
        return em.createQuery("from Customer c where c.sourceSystem = :source and c.externalId = :id", Customer.class)
                .setParameter("source", sourceSystem).setParameter("id", externalId).getResultStream().findFirst();
    }

    /**
     * The customer with this CRM id, of any namespace, with a ticket the caller reaches: one of
     * {@code preferred} (the caller's source system) first, else the oldest.
     */
    private Optional<Customer> reachable(String externalId, Scope scope, String preferred) {
        Map<String, Object> parameters = new HashMap<>();
        String reached = reached(scope, parameters);
        parameters.put("id", externalId);
        parameters.put("preferred", preferred);
        var query = em.createQuery("from Customer c where c.externalId = :id" + reached
                + " order by case when c.sourceSystem = :preferred then 0 else 1 end, c.createdAt, c.id", Customer.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(1).getResultStream().findFirst();
    }

    /** "and the customer has a ticket the caller reaches" (nothing for a caller who sees everything). */
    private static String reached(Scope scope, Map<String, Object> parameters) {
        return scope.seesEverything() ? ""
                : " and exists (select 1 from Ticket t where t.customerRef = c.id"
                + " and " + ScopeCondition.of(scope, "t", parameters) + ")";
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
