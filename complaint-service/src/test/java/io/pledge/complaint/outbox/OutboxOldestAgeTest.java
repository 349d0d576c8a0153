package io.pledge.complaint.outbox;

import io.pledge.platform.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's gauge of the outbox's oldest pending event (issue #17: the alert on a stuck relay),
 * read from /q/metrics as Prometheus scrapes it, against a service's real database: the platform
 * module has none, so complaint-service stands in for every service. The relay is off in this
 * profile, so the event written stays pending for as long as the test looks.
 */
@QuarkusTest
@TestProfile(OutboxOldestAgeTest.RelayStopped.class)
class OutboxOldestAgeTest {

    private static final Pattern OLDEST_AGE = Pattern.compile("^pledge_outbox_oldest_age_seconds(?:\\{[^}]*\\})? (\\S+)$",
            Pattern.MULTILINE);

    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pledge.outbox.relay-enabled", "false");
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Test
    void theOldestAgeIsAtLeastTheAgeOfThePendingEventWrittenFirstAndForgetsItOnceItIsGone() throws Exception {
        Instant written = clock.instant().minus(Duration.ofDays(1));
        long id = QuarkusTransaction.requiringNew().call(() -> {
            OutboxEvent event = pending(written);
            em.persist(event);
            return event.id;
        });
        try {
            double least = Duration.between(written, clock.instant()).toMillis() / 1000.0;
            double age = oldestAge();
            assertTrue(age >= least, "oldest age " + age + " s, the event waits since " + least + " s");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createQuery("delete from OutboxEvent e where e.id = :id")
                    .setParameter("id", id).executeUpdate());
        }
        double after = oldestAge();
        assertTrue(after < Duration.ofDays(1).toSeconds(), "gone from the outbox, yet the oldest age is " + after + " s");
    }

    private double oldestAge() throws Exception {
        String metrics = given().get(new URL(managementRoot, "metrics")).then().statusCode(200).extract().asString();
        Matcher m = OLDEST_AGE.matcher(metrics);
        assertTrue(m.find(), "no pledge_outbox_oldest_age_seconds on /q/metrics");
        return Double.parseDouble(m.group(1));
    }

    /**
     * An event as Outbox.record writes it, but a day ago. It is deleted within the test; should a
     * running complaint-service's relay on the same database see it first, it goes to a topic no
     * service reads.
     */
    private static OutboxEvent pending(Instant written) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.topic = "outbox-age-test";
        event.key = "outbox-age-test";
        event.lane = 0;
        event.type = "complaint.registered";
        event.source = "/pledge/complaint-service";
        event.subject = event.key;
        event.time = written;
        event.dataSchema = "urn:test";
        event.payload = "{}";
        event.createdAt = written;
        return event;
    }
}
