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
 * production profile. Production tokens come from the organisation's OIDC provider. The scope
 * claims (blueprint §6, issue #14) default to everything — teams and departments {@code *}, client
 * {@value #DEFAULT_CLIENT} — so the local demo and its dashboard see all; {@code --team},
 * {@code --department} and {@code --client} mint a scoped token to try what a team sees.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a development JWT for the given roles.")
class TokenCommand implements Callable<Integer> {

    /** The source system of the local demo's integration calls: the azp of its tokens. */
    static final String DEFAULT_CLIENT = "pledge-dev-crm";

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

    @Option(names = "--team", split = ",", defaultValue = "*",
            description = "Team(s) the token reaches, the teams claim; * for all (default: ${DEFAULT-VALUE}).")
    Set<String> teams;

    @Option(names = "--department", split = ",", defaultValue = "*",
            description = "Department(s) the token reaches, the departments claim; * for all (default: ${DEFAULT-VALUE}).")
    Set<String> departments;

    @Option(names = "--client", defaultValue = DEFAULT_CLIENT,
            description = "Client id, the azp claim: an integration's source system (default: ${DEFAULT-VALUE}).")
    String client;

    @Override
    public Integer call() throws Exception {
        System.out.println(mint(readKey(key), issuer, audience, subject, roles, ttl, teams, departments, client));
        return 0;
    }

    /** A token reaching everything (teams and departments *), for client {@value #DEFAULT_CLIENT}. */
    static String mint(PrivateKey key, String issuer, String audience, String subject, Set<String> roles, Duration ttl) {
        return mint(key, issuer, audience, subject, roles, ttl, Set.of("*"), Set.of("*"), DEFAULT_CLIENT);
    }

    static String mint(PrivateKey key, String issuer, String audience, String subject, Set<String> roles, Duration ttl,
                       Set<String> teams, Set<String> departments, String client) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer).audience(audience).upn(subject).groups(roles)
                .claim("teams", teams).claim("departments", departments).claim("azp", client)
                .issuedAt(now).expiresAt(now.plus(ttl))
                .sign(key);
    }

    static PrivateKey readKey(Path pemFile) throws Exception {
        String pem = Files.readString(pemFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
