package io.pledge.intake.ticket;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.openTicket;
import static io.pledge.intake.support.IntakeApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TicketListTest {

    @Test
    void listsNewestFirstPageByPageWithFilters() {
        String team = "list-" + unique();
        // reported late by the CRM, within the backdating window
        Instant day = Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.SECONDS);
        String first = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"" + day + "\",");
        String second = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"" + day.plus(Duration.ofDays(1)) + "\",");
        String third = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"" + day.plus(Duration.ofDays(2)) + "\",");

        String cursor = asAgent().queryParam("team", team).queryParam("limit", 2).get("/api/v1/tickets")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second)))
                .body("items[0].customer", nullValue())
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        asAgent().queryParam("team", team).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", equalTo(List.of(first))).body("nextCursor", nullValue());

        asAgent().queryParam("team", team).queryParam("openedFrom", day.plus(Duration.ofHours(12)).toString())
                .queryParam("openedTo", day.plus(Duration.ofHours(36)).toString()).get("/api/v1/tickets")
                .then().body("items.id", equalTo(List.of(second)));
        asAgent().body("{\"resolutionCode\": \"FIXED\"}").post("/api/v1/tickets/" + first + "/resolution").then().statusCode(200);
        List<String> resolved = asAgent().queryParam("team", team).queryParam("status", "RESOLVED")
                .queryParam("channel", "EMAIL").queryParam("priority", "HIGH").queryParam("category", "INQUIRY")
                .queryParam("customer", "CRM-C-1").get("/api/v1/tickets").then().extract().path("items.id");
        assertEquals(List.of(first), resolved);
    }

    @Test
    void badListQueriesAre400Problems() {
        asAgent().queryParam("limit", 500).get("/api/v1/tickets").then().statusCode(400).contentType("application/problem+json");
        asAgent().queryParam("status", "SLEEPING").get("/api/v1/tickets").then().statusCode(400)
                .body("detail", equalTo("status must be one of OPEN, PENDING_CUSTOMER, ON_HOLD, RESOLVED, CLOSED"));
        asAgent().queryParam("cursor", "garbage").get("/api/v1/tickets").then().statusCode(400)
                .body("detail", equalTo("cursor is not one this API handed out"));
        asAgent().queryParam("openedFrom", "last week").get("/api/v1/tickets").then().statusCode(400);
        asAgent().queryParam("team", "nobody-" + unique()).get("/api/v1/tickets").then().statusCode(200)
                .body("items", hasSize(0));
    }
}
