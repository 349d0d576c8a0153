package io.pledge.kpi.aggregate;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class KpiEventsHandlerTest {

    private static ValidatableResponse series(String dimension, String bucket, Instant from, Instant to) {
        return given().auth().oauth2(Tokens.withRoles("dashboard"))
                .queryParam("metric", "tickets.opened")
                .queryParam("dimension", dimension)
                .queryParam("bucket", bucket)
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .get("/api/v1/kpis").then();
    }

    @Test
    void eachTicketOpenedCountsOnceInTheBucketOfItsEventTime() {
        // A contact reported years late lands in its own past bucket, not today's.
        Instant openedAt = Instant.parse("2019-03-05T10:15:00Z");
        String team = "team-" + UUID.randomUUID();
        TicketOpened opened = new TicketOpened(new TicketFacts(UUID.randomUUID(), "CRM-C-1", Channel.SOCIAL,
                Category.SUGGESTION, Priority.LOW, TicketStatus.OPEN, team, null, null), null, "crm", List.of(), openedAt, null);
        ProducerRecord<String, byte[]> event = cloudEvent(opened, openedAt);
        ProducerRecord<String, byte[]> marker = new ProducerRecord<>(Topics.TICKETS, opened.subject(),
                "marker".getBytes(StandardCharsets.UTF_8));
        try (TopicReader dlq = KafkaTestSupport.readFromNowOn(Topics.deadLetterOf(Topics.TICKETS))) {
            KafkaTestSupport.send(event, event, marker);
            dlq.awaitAtLeast(1, Duration.ofSeconds(20), r -> opened.subject().equals(r.key()));
        }

        Instant day = openedAt.truncatedTo(ChronoUnit.DAYS);
        series("team=" + team, "day", day, day.plus(Duration.ofDays(1))).statusCode(200)
                .body("points", hasSize(1))
                .body("points[0].bucketStart", equalTo(day.toString()))
                .body("points[0].value", equalTo(1.0f));
        series("team=" + team, "hour", day, day.plus(Duration.ofDays(1))).statusCode(200)
                .body("points[0].bucketStart", equalTo(openedAt.truncatedTo(ChronoUnit.HOURS).toString()))
                .body("points[0].value", equalTo(1.0f));
    }

    @Test
    void badQueriesAre400ProblemsAndOnlyDashboardsAndSupervisorsMayRead() {
        Instant now = Instant.now();
        series("colour=red", "day", now.minusSeconds(60), now).statusCode(400).contentType("application/problem+json");
        series("all", "fortnight", now.minusSeconds(60), now).statusCode(400).contentType("application/problem+json");
        series("all", "day", now, now.minusSeconds(60)).statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("dashboard")).queryParam("metric", "tickets.opened")
                .queryParam("from", "yesterday").get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("dashboard")).get("/api/v1/kpis")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRoles("integration")).queryParam("metric", "tickets.opened")
                .get("/api/v1/kpis").then().statusCode(403);
    }
}
