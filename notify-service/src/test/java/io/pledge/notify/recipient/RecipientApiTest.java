package io.pledge.notify.recipient;

import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff directory's API: admin only, validated, optimistic, audited. */
@QuarkusTest
class RecipientApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    private static Map<String, Object> person(String id, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", "Li Na", "email", id + "@pledge.test"));
        body.putAll(fields);
        return body;
    }

    private static String newId() {
        return "staff-" + UUID.randomUUID();
    }

    @Test
    void aPersonIsAddedReadChangedWithIfMatchAndRemoved() {
        String id = newId();
        as("admin").body(person(id, Map.of("leadsTeams", List.of("care"), "leadsDepartments", List.of("customer-care"),
                        "ownsLevels", List.of(3, 2), "language", "zh-CN", "timeZone", "Asia/Shanghai",
                        "quietHours", Map.of("start", "22:00", "end", "07:00"),
                        "chatWebhook", "http://127.0.0.1:9/hooks/care")))
                .post("/api/v1/recipients").then().statusCode(201).header("ETag", "\"0\"")
                .header("Location", containsString("/api/v1/recipients/" + id))
                .body("ownsLevels", equalTo(List.of(2, 3))).body("quietHours.start", equalTo("22:00:00"));

        as("admin").get("/api/v1/recipients/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("language", equalTo("zh-CN")).body("timeZone", equalTo("Asia/Shanghai"))
                .body("leadsTeams", equalTo(List.of("care"))).body("chatWebhook", equalTo("http://127.0.0.1:9/hooks/care"));

        as("admin").header("If-Match", "\"0\"").body(person(id, Map.of("name", "Li Na (care)")))
                .put("/api/v1/recipients/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Li Na (care)")).body("language", equalTo("en")).body("timeZone", equalTo("UTC"))
                .body("quietHours", nullValue()).body("leadsTeams", hasSize(0));
        as("admin").header("If-Match", "\"0\"").body(person(id, Map.of()))
                .put("/api/v1/recipients/" + id).then().statusCode(412).contentType(PROBLEM)
                .body("detail", containsString("\"1\""));

        as("admin").delete("/api/v1/recipients/" + id).then().statusCode(204);
        as("admin").get("/api/v1/recipients/" + id).then().statusCode(404).contentType(PROBLEM);
        as("admin").delete("/api/v1/recipients/" + id).then().statusCode(404).contentType(PROBLEM);
        as("admin").body(person(id, Map.of())).put("/api/v1/recipients/" + id).then().statusCode(404).contentType(PROBLEM);

        for (String action : List.of("recipient.created", "recipient.changed", "recipient.deleted")) {
            as("admin").queryParam("action", action).queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200)
                    .body("items.find { it.target == 'recipient " + id + "' }.actor", equalTo("test-admin@pledge.test"));
        }
    }

    @Test
    void badEntriesAreRefusedWithAProblemAndWriteNothing() {
        String id = newId();
        List<Map<String, Object>> bad = List.of(
                person(id, Map.of("email", "not-an-address")),
                person(id, Map.of("name", " ")),
                person(id, Map.of("language", "fr")),
                person(id, Map.of("timeZone", "Mars/Olympus_Mons")),
                person(id, Map.of("ownsLevels", List.of(5))),
                person(id, Map.of("ownsLevels", List.of(2, 2))),
                person(id, Map.of("quietHours", Map.of("start", "22:00"))),
                person(id, Map.of("quietHours", Map.of("start", "22:00", "end", "22:00"))),
                person(id, Map.of("quietHours", Map.of("start", "25:00", "end", "07:00"))),
                person("has space", Map.of()),
                Map.of("name", "no id", "email", "x@pledge.test"));
        for (Map<String, Object> body : bad) {
            as("admin").body(body).post("/api/v1/recipients").then().statusCode(400).contentType(PROBLEM);
        }
        as("admin").body("{\"id\":\"" + id + "\",\"name\":\"a\",\"name\":\"b\",\"email\":\"x@pledge.test\"}")
                .post("/api/v1/recipients").then().statusCode(400).contentType(PROBLEM);
        // chat webhooks notify-service may not call: another scheme, an internal address
        as("admin").body(person(id, Map.of("chatWebhook", "ftp://chat.example/hook"))).post("/api/v1/recipients")
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("chatWebhook"));
        as("admin").body(person(id, Map.of("chatWebhook", "http://10.1.2.3/hook"))).post("/api/v1/recipients")
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("internal address"));
        as("admin").get("/api/v1/recipients/" + id).then().statusCode(404);

        as("supervisor").body(person(id, Map.of())).post("/api/v1/recipients").then().statusCode(403).contentType(PROBLEM);
        as("agent").get("/api/v1/recipients").then().statusCode(403);
        given().get("/api/v1/recipients").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void anIdIsTakenOnceAndCannotChange() {
        String id = newId();
        as("admin").body(person(id, Map.of())).post("/api/v1/recipients").then().statusCode(201);
        as("admin").body(person(id, Map.of())).post("/api/v1/recipients").then().statusCode(409).contentType(PROBLEM);
        as("admin").body(person(newId(), Map.of())).put("/api/v1/recipients/" + id).then().statusCode(422)
                .contentType(PROBLEM);
        as("admin").header("If-Match", "garbage").body(person(id, Map.of())).put("/api/v1/recipients/" + id)
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void theDirectoryPagesWithACursorById() {
        for (int i = 0; i < 3; i++) {
            as("admin").body(person(newId(), Map.of())).post("/api/v1/recipients").then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("admin").queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/recipients").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null && seen.size() < 10_000);
        assertTrue(seen.size() >= 3);
        assertEquals(seen.size(), seen.stream().distinct().count(), "none twice");
        assertEquals(as("admin").queryParam("limit", 500).get("/api/v1/recipients").then().extract().path("items.id"),
                seen, "the pages in order make up the whole list");

        as("admin").queryParam("cursor", "garbage!").get("/api/v1/recipients").then().statusCode(400).contentType(PROBLEM);
        as("admin").queryParam("limit", 0).get("/api/v1/recipients").then().statusCode(400).contentType(PROBLEM);
        as("admin").queryParam("limit", 501).get("/api/v1/recipients").then().statusCode(400).contentType(PROBLEM);
    }
}
