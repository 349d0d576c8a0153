package io.pledge.platform.security;

import io.pledge.platform.audit.AuditLog;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import org.jboss.logging.Logger;

/**
 * Records refused requests (403, and 404s that hide something out of the caller's scope) in the
 * audit log, in a transaction of their own. A role check refuses on the I/O thread, where no
 * transaction may start: the entry is then written from a worker, after the answer.
 */
@ApplicationScoped
public class Refusals {

    private static final Logger LOG = Logger.getLogger(Refusals.class);

    private final AuditLog audit;
    private final CurrentVertxRequest request;

    public Refusals(AuditLog audit, CurrentVertxRequest request) {
        this.audit = audit;
        this.request = request;
    }

    public void record(String action, String detail) {
        AuditLog.Actor actor = audit.actor();
        String target = target();
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(() -> write(actor, action, target, detail));
        } else {
            write(actor, action, target, detail);
        }
    }

    private void write(AuditLog.Actor actor, String action, String target, String detail) {
        try {
            audit.recordRefusal(actor, action, target, detail);
        } catch (RuntimeException e) {
            // the refusal itself stands; losing its entry must not turn a 403 into a 500
            LOG.errorf(e, "Could not record %s by %s on %s", action, actor.name(), target);
        }
    }

    /** What was refused: the request's method and path. */
    private String target() {
        try {
            var context = request.getCurrent();
            return context == null ? null : context.request().method() + " " + context.request().path();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
