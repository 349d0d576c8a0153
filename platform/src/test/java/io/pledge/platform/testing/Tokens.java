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

    /** A valid token, for one hour, carrying {@code roles} in its groups claim. */
    public static String withRoles(String... roles) {
        return sign(devKey(), Instant.now().plusSeconds(3600), roles);
    }

    /** A token that expired an hour ago (beyond any clock skew the verifier allows). */
    public static String expired(String... roles) {
        return sign(devKey(), Instant.now().minusSeconds(3600), roles);
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String signedByStranger(String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(generator.generateKeyPair().getPrivate(), Instant.now().plusSeconds(3600), roles);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token of the development key for another application ({@code aud}). */
    public static String forAudience(String audience, String... roles) {
        return sign(devKey(), Instant.now().plusSeconds(3600), audience, roles);
    }

    private static String sign(PrivateKey key, Instant expiresAt, String... roles) {
        return sign(key, expiresAt, AUDIENCE, roles);
    }

    private static String sign(PrivateKey key, Instant expiresAt, String audience, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .upn("test-" + String.join("-", roles) + "@pledge.test")
                .groups(Set.of(roles))
                .issuedAt(expiresAt.minusSeconds(7200))
                .expiresAt(expiresAt)
                .sign(key);
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
