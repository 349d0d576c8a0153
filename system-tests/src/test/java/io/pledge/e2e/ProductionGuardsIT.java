package io.pledge.e2e;

import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.e2e.LocalPlatform.Service.INTAKE;
import static io.pledge.e2e.LocalPlatform.Service.SLA;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

/**
 * What protects a production deployment, tried on the built jars: the production profile refuses
 * to start with the keys committed in deploy/local, and a client's rate limit is one allowance
 * however many replicas answer it.
 */
class ProductionGuardsIT {

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void theProductionProfileRefusesToStartWithTheDevelopmentJwtKey() throws IOException {
        Process sla = LocalPlatform.startAsProduction(SLA, 18182, "sla-with-development-jwt-key", Map.of());
        await("sla-service refusing to start").atMost(Duration.ofSeconds(90)).until(() -> !sla.isAlive());
        assertThat(sla.exitValue(), not(equalTo(0)));
        assertThat(Files.readString(LocalPlatform.logOf("sla-with-development-jwt-key")), containsString(
                "Refusing to start in production: mp.jwt.verify.publickey.location is the development JWT key pair"));
    }

    @Test
    void theProductionProfileRefusesToStartWithTheDevelopmentPiiKeys() throws IOException, NoSuchAlgorithmException {
        // a JWT key of its own, so that it is the PII keys (deploy/local/dev-secrets.env) that are refused
        Path publicKey = LocalPlatform.ROOT.resolve("system-tests/target/e2e-logs/own-jwt-public.pem");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Process intake = LocalPlatform.startAsProduction(INTAKE, 18181, "intake-with-development-pii-keys",
                Map.of("PLEDGE_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey));
        await("intake-service refusing to start").atMost(Duration.ofSeconds(90)).until(() -> !intake.isAlive());
        assertThat(intake.exitValue(), not(equalTo(0)));
        assertThat(Files.readString(LocalPlatform.logOf("intake-with-development-pii-keys")), allOf(
                containsString("Refusing to start in production: intake.privacy"),
                containsString("the development PII")));
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterFromBothReplicas() {
        Map<String, String> fourPerMinute = Map.of("PLEDGE_RATE_LIMIT_AGENT", "4");
        LocalPlatform.startReplica(SLA, 18183, fourPerMinute);
        LocalPlatform.startReplica(SLA, 18184, fourPerMinute);
        String token = Tokens.of(Roles.AGENT).subject("limited-" + UUID.randomUUID() + "@pledge.test").sign();

        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int port = i % 2 == 0 ? 18183 : 18184;   // alternately, as a load balancer would
            answers.add(RestAssured.given().baseUri("http://127.0.0.1").port(port).auth().oauth2(token)
                    .get("/api/v1/calendars"));
        }

        // four in all, not four per replica
        assertThat(answers.stream().map(Response::statusCode).toList(), contains(200, 200, 200, 200, 429, 429, 429, 429));
        assertThat(answers.get(0).header("RateLimit-Policy"), equalTo("\"agent\";q=4;w=60"));
        for (Response refused : answers.subList(4, 8)) {
            assertThat(refused.contentType(), startsWith("application/problem+json"));
            assertThat(Long.parseLong(refused.header("Retry-After")), both(greaterThanOrEqualTo(1L)).and(lessThanOrEqualTo(60L)));
            assertThat(refused.header("RateLimit"), startsWith("\"agent\";r=0;"));
        }
    }
}
