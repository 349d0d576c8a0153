package io.pledge.sla.calendar;

import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CalendarResourceTest {

    private static final String SHANGHAI_OFFICE = """
            {"name": "Shanghai office", "timeZone": "Asia/Shanghai",
             "weeklyHours": {"MONDAY": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
                             "TUESDAY": [{"start": "09:00", "end": "18:00"}], "WEDNESDAY": [{"start": "09:00", "end": "18:00"}],
                             "THURSDAY": [{"start": "09:00", "end": "18:00"}], "FRIDAY": [{"start": "09:00", "end": "18:00"}]},
             "holidays": ["2026-10-01", "2026-10-02"],
             "specialDays": [{"date": "2026-09-27", "hours": [{"start": "09:00", "end": "18:00"}]}]}
            """;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    @Test
    void anAdminCreatesACalendarAndAnyoneMayAskWhenSomethingIsDue() {
        String id = as("admin").body(SHANGHAI_OFFICE).post("/api/v1/calendars").then().statusCode(201)
                .header("Location", containsString("/api/v1/calendars/"))
                .body("definition.timeZone", equalTo("Asia/Shanghai"))
                .extract().path("id");
        // Friday 2026-09-25 17:00 CST + 2 business hours: 1 h on Friday, the make-up Sunday 09:00-10:00.
        as("agent").queryParam("start", "2026-09-25T09:00:00Z").queryParam("duration", "PT2H")
                .get("/api/v1/calendars/" + id + "/due").then().statusCode(200)
                .body("due", equalTo("2026-09-27T02:00:00Z"));
        // Monday 09:00-18:00 CST with its lunch break is 8 business hours.
        as("agent").queryParam("from", "2026-09-28T01:00:00Z").queryParam("to", "2026-09-28T10:00:00Z")
                .get("/api/v1/calendars/" + id + "/elapsed").then().statusCode(200).body("seconds", equalTo(8 * 3600));
        // Exactly used up at Monday's closing: due at Tuesday's opening.
        as("agent").queryParam("start", "2026-09-28T01:00:00Z").queryParam("duration", "PT8H")
                .get("/api/v1/calendars/" + id + "/due").then().body("due", equalTo("2026-09-29T01:00:00Z"));
    }

    @Test
    void theBuiltInCalendarsExistAndAreReadOnly() {
        as("agent").get("/api/v1/calendars").then().statusCode(200).body("items.id", hasItems("24x7", "workdays"));
        as("agent").queryParam("start", "2026-11-24T10:00:00Z").queryParam("duration", "PT30S")
                .get("/api/v1/calendars/24x7/due").then().body("due", equalTo("2026-11-24T10:00:30Z"));
        as("admin").body(SHANGHAI_OFFICE).put("/api/v1/calendars/24x7").then().statusCode(409)
                .contentType("application/problem+json");
        as("admin").delete("/api/v1/calendars/workdays").then().statusCode(409);
    }

    @Test
    void updatesHonourIfMatchAndDeletesRemove() {
        String id = as("admin").body(SHANGHAI_OFFICE).post("/api/v1/calendars").then().statusCode(201).extract().path("id");
        String etag = as("agent").get("/api/v1/calendars/" + id).then().statusCode(200).extract().header("ETag");
        as("admin").header("If-Match", etag).body(SHANGHAI_OFFICE.replace("Shanghai office", "Shanghai HQ"))
                .put("/api/v1/calendars/" + id).then().statusCode(200).body("definition.name", equalTo("Shanghai HQ"));
        as("admin").header("If-Match", etag).body(SHANGHAI_OFFICE).put("/api/v1/calendars/" + id).then().statusCode(412);
        as("admin").delete("/api/v1/calendars/" + id).then().statusCode(204);
        as("agent").get("/api/v1/calendars/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyChangeOfACalendarIsInTheAuditLogWithItsAdmin() {
        String admin = "cal-admin-" + java.util.UUID.randomUUID() + "@pledge.test";
        io.restassured.specification.RequestSpecification asAdmin = given().contentType(io.restassured.http.ContentType.JSON)
                .auth().oauth2(Tokens.of(io.pledge.platform.security.Roles.ADMIN).subject(admin).sign());
        String id = asAdmin.body(SHANGHAI_OFFICE).post("/api/v1/calendars").then().statusCode(201).extract().path("id");
        asAdmin.body(SHANGHAI_OFFICE.replace("Shanghai office", "Shanghai HQ")).put("/api/v1/calendars/" + id)
                .then().statusCode(200);
        asAdmin.delete("/api/v1/calendars/" + id).then().statusCode(204);
        as("admin").queryParam("actor", admin).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(java.util.List.of("calendar.deleted", "calendar.changed", "calendar.created")))
                .body("items.target", everyItem(equalTo("calendar " + id)));
    }

    @Test
    void theCalendarListPagesWithACursorBuiltInOnesFirst() {
        String mine = as("admin").body(SHANGHAI_OFFICE).post("/api/v1/calendars").then().statusCode(201).extract().path("id");
        java.util.List<String> all = as("agent").queryParam("limit", 500).get("/api/v1/calendars").then().statusCode(200)
                .body("items[0].builtIn", equalTo(true)).extract().path("items.id");
        java.util.List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = as("agent").queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/calendars").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all, walked);
        as("admin").delete("/api/v1/calendars/" + mine).then().statusCode(204);
        as("agent").queryParam("limit", 0).get("/api/v1/calendars").then().statusCode(400);
        as("agent").queryParam("cursor", "%%%").get("/api/v1/calendars").then().statusCode(400);
    }

    @Test
    void badCalendarsAndBadQuestionsAre400Problems() {
        as("admin").body(SHANGHAI_OFFICE.replace("Asia/Shanghai", "Mars/Olympus")).post("/api/v1/calendars")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("Mars/Olympus"));
        as("admin").body(SHANGHAI_OFFICE.replace("\"13:00\"", "\"11:00\"")).post("/api/v1/calendars")
                .then().statusCode(400).body("detail", containsString("overlap"));
        as("admin").body(SHANGHAI_OFFICE.replace("\"end\": \"12:00\"", "\"end\": \"08:00\"")).post("/api/v1/calendars")
                .then().statusCode(400);
        as("admin").body(SHANGHAI_OFFICE.replace("\"09:00\"", "\"9 am\"")).post("/api/v1/calendars").then().statusCode(400);
        as("admin").body(SHANGHAI_OFFICE.replace("2026-10-02", "2026-13-02")).post("/api/v1/calendars").then().statusCode(400);
        as("admin").body(SHANGHAI_OFFICE.replace("MONDAY", "FUNDAY")).post("/api/v1/calendars").then().statusCode(400);
        as("admin").body("{\"timeZone\": \"UTC\"}").post("/api/v1/calendars").then().statusCode(400)
                .body("errors.field", hasItems("name"));
        as("agent").body(SHANGHAI_OFFICE).post("/api/v1/calendars").then().statusCode(403);

        as("agent").queryParam("start", "yesterday").queryParam("duration", "PT1H").get("/api/v1/calendars/24x7/due")
                .then().statusCode(400).contentType("application/problem+json");
        as("agent").queryParam("start", "2026-11-24T10:00:00Z").queryParam("duration", "an hour")
                .get("/api/v1/calendars/24x7/due").then().statusCode(400);
        as("agent").queryParam("start", "2026-11-24T10:00:00Z").queryParam("duration", "-PT1H")
                .get("/api/v1/calendars/24x7/due").then().statusCode(400);
        as("agent").queryParam("from", "2026-11-24T10:00:00Z").queryParam("to", "2026-11-23T10:00:00Z")
                .get("/api/v1/calendars/24x7/elapsed").then().statusCode(400);
        as("agent").get("/api/v1/calendars/24x7/elapsed").then().statusCode(400);
        as("agent").queryParam("start", "2026-11-24T10:00:00Z").queryParam("duration", "PT1H")
                .get("/api/v1/calendars/nope/due").then().statusCode(404);
    }
}
