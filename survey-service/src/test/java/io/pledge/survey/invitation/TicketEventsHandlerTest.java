package io.pledge.survey.invitation;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TicketEventsHandlerTest {

    @Test
    void aTicketOpenedIsRememberedWithWhatSurveysNeed() {
        Instant openedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TicketOpened opened = new TicketOpened(new TicketFacts(UUID.randomUUID(), "CRM-C-5", Channel.WEB,
                Category.FAULT, Priority.NORMAL, TicketStatus.OPEN, "repairs", null, null), null, "crm", List.of(), openedAt, null);
        KafkaTestSupport.send(KafkaTestSupport.cloudEvent(opened, openedAt));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(Tokens.withRoles("agent"))
                .get("/api/v1/tickets/" + opened.ticket().ticketId() + "/survey").then().statusCode(200)
                .body("channel", equalTo("WEB"))
                .body("category", equalTo("FAULT"))
                .body("invitation", equalTo("NOT_SCHEDULED")));
    }

    @Test
    void anUnknownTicketIsA404Problem() {
        given().auth().oauth2(Tokens.withRoles("agent")).get("/api/v1/tickets/" + UUID.randomUUID() + "/survey")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
