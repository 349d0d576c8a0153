package io.pledge.e2e;

import io.restassured.http.ContentType;

import java.time.Instant;

import static io.pledge.e2e.LocalPlatform.Service.INTAKE;

/** Opens tickets through intake-service's REST API, as a CRM would. */
final class Tickets {

    /** Opens a ticket for {@code team} and returns its id. */
    static String open(String channel, String category, String team) {
        return openedAt(channel, category, team, Instant.now());
    }

    /**
     * Opens a ticket for a contact that happened at {@code openedAt} (reported late) and returns its id.
     * The customer is the team's own, so one test's complaints and surveys do not count as another's
     * repeats or throttle its invitations.
     */
    static String openedAt(String channel, String category, String team, Instant openedAt) {
        return INTAKE.as("integration").contentType(ContentType.JSON)
                .body("""
                        {"channel": "%s", "category": "%s", "priority": "HIGH", "subject": "End-to-end",
                         "customer": {"externalId": "E2E-%s"}, "team": "%s",
                         "openedAt": "%s"}
                        """.formatted(channel, category, team, team, openedAt))
                .post("/api/v1/tickets")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** How many tickets.opened kpi-service has counted for {@code team} today (UTC buckets). */
    static int countedFor(String team) {
        Number value = LocalPlatform.Service.KPI.as("dashboard")
                .queryParam("metric", "tickets.opened")
                .queryParam("dimension", "team=" + team)
                .queryParam("bucket", "month")
                .get("/api/v1/kpis")
                .then().statusCode(200)
                .extract().path("points.value.sum()");
        return value == null ? 0 : value.intValue();
    }

    private Tickets() {
    }
}
