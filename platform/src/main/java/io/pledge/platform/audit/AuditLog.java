package io.pledge.platform.audit;

import io.pledge.platform.security.Caller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The audit log (blueprint §6): every decryption of contact data, every admin change and every
 * refused request, with who, when, what and from where. An entry is written in the transaction of
 * the change it records, so a change and its entry commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final Clock clock;
    private final Instance<Caller> caller;
    private final Instance<CurrentVertxRequest> request;

    public AuditLog(EntityManager em, Clock clock, Instance<Caller> caller, Instance<CurrentVertxRequest> request) {
        this.em = em;
        this.clock = clock;
        this.caller = caller;
        this.request = request;
    }

    /**
     * Records {@code action} (e.g. {@code contact-data.decrypted}, {@code policy.changed}) on
     * {@code target} (what it concerns: "ticket 1f0…", "policy EMAIL") in the caller's transaction.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String action, String target, String detail) {
        write(actor(), action, target, detail);
    }

    /** Who acts and from where: the caller of the current request, or the service itself ("system"). */
    public Actor actor() {
        try {
            Caller current = caller.get();
            return new Actor(current.name(), String.join(",", new TreeSet<>(current.scope().roles())), address());
        } catch (ContextNotActiveException outsideARequest) {
            return new Actor("system", "", null);   // a consumer or a scheduled job
        }
    }

    public record Actor(String name, String roles, String address) {
    }

    /** Records a refusal in a transaction of its own: the refused request's work rolls back, its entry stays. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(Actor actor, String action, String target, String detail) {
        write(actor, action, target, detail);
    }

    private void write(Actor actor, String action, String target, String detail) {
        em.createNativeQuery("""
                        insert into audit_entry (id, at, actor, roles, action, target, detail, address)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, clock.instant())
                .setParameter(3, actor.name())
                .setParameter(4, actor.roles())
                .setParameter(5, action)
                .setParameter(6, target)
                .setParameter(7, detail)
                .setParameter(8, actor.address())
                .executeUpdate();
    }

    /** The client address, as the ingress forwarded it when quarkus.http.proxy.proxy-address-forwarding is on. */
    private String address() {
        try {
            RoutingContext context = request.get().getCurrent();
            if (context == null || context.request().remoteAddress() == null) {
                return null;
            }
            return context.request().remoteAddress().hostAddress();
        } catch (ContextNotActiveException outsideARequest) {
            return null;
        }
    }
}
