package io.pledge.intake.ticket;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

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
        String first = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"2026-01-01T08:00:00Z\",");
        String second = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"2026-01-02T08:00:00Z\",");
        String third = openTicket("\"team\": \"" + team + "\", \"openedAt\": \"2026-01-03T08:00:00Z\",");

        String cursor = asAgent().queryParam("team", team).queryParam("limit", 2).get("/api/v1/tickets")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second)))
                .body("items[0].customer", nullValue())
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        asAgent().queryParam("team", team).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", equalTo(List.of(first))).body("nextCursor", nullValue());

        asAgent().queryParam("team", team).queryParam("openedFrom", "2026-01-02T00:00:00Z")
                .queryParam("openedTo", "2026-01-03T00:00:00Z").get("/api/v1/tickets")
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
        asAgent().queryParam("status", "SLEEPING").get("/api/v1/tickets").then().statusCode(400);
        asAgent().queryParam("cursor", "garbage").get("/api/v1/tickets").then().statusCode(400)
                .body("detail", equalTo("cursor is not one this API handed out"));
        asAgent().queryParam("openedFrom", "last week").get("/api/v1/tickets").then().statusCode(400);
        asAgent().queryParam("team", "nobody-" + unique()).get("/api/v1/tickets").then().statusCode(200)
                .body("items", hasSize(0));
    }
}
