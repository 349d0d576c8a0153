package io.pledge.platform.testing;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the development key pair of deploy/local/jwt, the one the
 * services trust outside production: tests go through real JWT verification, nothing is mocked.
 */
public final class Tokens {

    public static final String ISSUER = "pledge-dev";

    /** The audience the services require (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "pledge";

    /** The client id (source system) of tokens that do not name one. */
    public static final String CLIENT = "test-crm";

    /**
     * A valid token, for one hour, carrying {@code roles} in its groups claim, reaching everything
     * (teams and departments {@code *}) for client {@value #CLIENT}: for tests about something else than scope.
     */
    public static String withRoles(String... roles) {
        return of(roles).sign();
    }

    /** A token that expired an hour ago (beyond any clock skew the verifier allows). */
    public static String expired(String... roles) {
        return of(roles).issuedAt(Instant.now().minusSeconds(7200)).sign();
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String signedByStranger(String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return of(roles).signWith(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token of the development key for another application ({@code aud}). */
    public static String forAudience(String audience, String... roles) {
        return of(roles).audience(audience).sign();
    }

    /** A token to shape: {@code Tokens.of(AGENT).subject("li.na").teams("team-a").sign()}. */
    public static Builder of(String... roles) {
        return new Builder(roles);
    }

    /** The claims of one test token; by default it reaches everything, as {@link #withRoles} does. */
    public static final class Builder {
        private final Set<String> roles;
        private String subject;
        private Set<String> teams = Set.of("*");
        private Set<String> departments = Set.of("*");
        private String client = CLIENT;
        private String audience = AUDIENCE;
        private Instant issuedAt = Instant.now();
        private Duration validFor = Duration.ofHours(1);

        private Builder(String... roles) {
            this.roles = Set.of(roles);
            this.subject = "test-" + String.join("-", roles) + "@pledge.test";
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder teams(String... teams) {
            this.teams = Set.of(teams);
            return this;
        }

        public Builder departments(String... departments) {
            this.departments = Set.of(departments);
            return this;
        }

        /** The client id (azp): an integration's source system. */
        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** When the token was issued; it expires {@link #validFor} (an hour) later. */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /** How long after its issue the token expires. */
        public Builder validFor(Duration validFor) {
            this.validFor = validFor;
            return this;
        }

        public String sign() {
            return signWith(devKey());
        }

        String signWith(PrivateKey key) {
            var claims = Jwt.issuer(ISSUER)
                    .audience(audience)
                    .upn(subject)
                    .subject(subject)
                    .groups(roles)
                    .claim("teams", teams)
                    .claim("departments", departments)
                    .issuedAt(issuedAt)
                    .expiresAt(issuedAt.plus(validFor));
            if (client != null) {
                claims.claim("azp", client);
            }
            return claims.sign(key);
        }
    }

    /** deploy/local/jwt/private.pem, found from the working directory of the module or the root. */
    static PrivateKey devKey() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/local/jwt/private.pem"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/local/jwt/private.pem not found above " + Path.of("").toAbsolutePath());
        }
        try {
            String pem = Files.readString(dir.resolve("deploy/local/jwt/private.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tokens() {
    }
}
