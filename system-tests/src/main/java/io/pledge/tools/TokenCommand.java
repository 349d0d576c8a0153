package io.pledge.tools;

import io.smallrye.jwt.build.Jwt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Mints a bearer token signed with the development key, which the services trust outside the
 * production profile. Production tokens come from the organisation's OIDC provider.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a development JWT for the given roles.")
class TokenCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, split = ",",
            description = "Role(s): integration, agent, supervisor, admin, dashboard.")
    Set<String> roles;

    @Option(names = "--subject", defaultValue = "dev@pledge.local", description = "The token's upn (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--ttl", defaultValue = "PT8H", description = "Lifetime, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--issuer", defaultValue = "pledge-dev", description = "Issuer (default: ${DEFAULT-VALUE}).")
    String issuer;

    @Option(names = "--audience", defaultValue = "pledge", description = "Audience, the aud claim (default: ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "--key", defaultValue = "deploy/local/jwt/private.pem",
            description = "PKCS#8 PEM private key (default: ${DEFAULT-VALUE}).")
    Path key;

    @Override
    public Integer call() throws Exception {
        System.out.println(mint(readKey(key), issuer, audience, subject, roles, ttl));
        return 0;
    }

    static String mint(PrivateKey key, String issuer, String audience, String subject, Set<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer).audience(audience).upn(subject).groups(roles).issuedAt(now).expiresAt(now.plus(ttl))
                .sign(key);
    }

    static PrivateKey readKey(Path pemFile) throws Exception {
        String pem = Files.readString(pemFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
