package io.pledge.platform.security;

import io.pledge.platform.PledgeConfig;
import io.pledge.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of the current request and its {@link Scope}, read from the bearer token. The claim
 * names for teams, departments and the client id are configurable (pledge.security.claims.*), so
 * any OIDC provider's tokens work. Use {@link #require(Scope.Reach, String)} to turn "outside your
 * scope" into the same 404 as "no such thing", so ids cannot be probed.
 */
@RequestScoped
public class Caller {

    private Scope scope;
    private Refusals refusals;

    Caller() {
        // for the client proxy of a request-scoped bean
    }

    @Inject
    public Caller(SecurityIdentity identity, PledgeConfig config, Refusals refusals) {
        this.refusals = refusals;
        this.scope = identity.isAnonymous() ? anonymous() : scopeOf(identity, config.security().claims());
    }

    public Scope scope() {
        return scope;
    }

    /** The caller's name for authorship and audit: the token's upn, preferred_username or subject. */
    public String name() {
        return scope.subject();
    }

    public boolean is(String role) {
        return scope.is(role);
    }

    /**
     * Nothing when the caller reaches {@code reach}; otherwise the refusal is recorded in the audit
     * log and a 404 thrown whose detail is {@code notFoundDetail}, word for word what a missing one gets.
     */
    public void require(Scope.Reach reach, String notFoundDetail) {
        if (!scope.reaches(reach)) {
            refusals.record("scope.refused", notFoundDetail);
            throw ProblemException.notFound(notFoundDetail);
        }
    }

    /** The source system of the caller's requests: its client id (never what a request body says). */
    public Optional<String> client() {
        return scope.client();
    }

    static Scope scopeOf(SecurityIdentity identity, PledgeConfig.Security.Claims claims) {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken token) {
            return new Scope(token.getName(), identity.getRoles(),
                    names(token.getClaim(claims.teams())), names(token.getClaim(claims.departments())),
                    Optional.ofNullable(text(token.getClaim(claims.client())))
                            .or(() -> Optional.ofNullable(text(token.getClaim("client_id")))));
        }
        return new Scope(principal.getName(), identity.getRoles(), Set.of(), Set.of(), Optional.empty());
    }

    private static Scope anonymous() {
        return new Scope("anonymous", Set.of(), Set.of(), Set.of(), Optional.empty());
    }

    /** A claim holding names: a JSON array, a set, or one space- or comma-separated string. */
    static Set<String> names(Object claim) {
        Set<String> names = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> add(names, text(v)));
        } else if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(v -> add(names, text(v)));
        } else if (claim != null) {
            for (String part : text(claim).split("[\\s,]+")) {
                add(names, part);
            }
        }
        return names;
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.strip());
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        return value.toString();
    }
}
