package io.pledge.notify.alert;

import io.pledge.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The API as a role, and people of the directory made for one test (unique ids and addresses). */
final class AlertFixtures {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.withRoles(role)).contentType(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A person added to the directory: {@code fields} beside a fresh id, name and address (id@pledge.test). */
    static String person(Map<String, Object> fields) {
        String id = unique("staff");
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", "Staff " + id, "email", email(id)));
        body.putAll(fields);
        as("admin").body(body).post("/api/v1/recipients").then().statusCode(201);
        return id;
    }

    static String person() {
        return person(Map.of());
    }

    static String email(String id) {
        return id + "@pledge.test";
    }

    /** The alerts to {@code recipient}, newest first. */
    static ValidatableResponse alertsTo(String recipient) {
        return as("admin").queryParam("recipient", recipient).get("/api/v1/alerts").then().statusCode(200);
    }

    static List<Map<String, Object>> alertList(String recipient) {
        return alertsTo(recipient).extract().path("items");
    }

    private AlertFixtures() {
    }
}
