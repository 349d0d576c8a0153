package io.pledge.intake.support;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.PledgeEvent;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers for intake-service's REST tests: callers, a ticket to work on, event types. */
public final class IntakeApi {

    public static RequestSpecification asCrm() {
        return given().auth().oauth2(Tokens.withRoles("integration")).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAgent() {
        return given().auth().oauth2(Tokens.withRoles("agent")).contentType(ContentType.JSON);
    }

    /** A caller with this token (e.g. {@code Tokens.of(AGENT).teams("team-a").sign()}). */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The integration client {@code client}: it reaches only the tickets its source system opened. */
    public static RequestSpecification asIntegration(String client) {
        return as(Tokens.of("integration").subject(client + "@clients").client(client).sign());
    }

    /** The audit entries of {@code action} written since {@code from}, newest first (read as an admin). */
    public static List<Map<String, String>> audit(String action, Instant from) {
        return given().auth().oauth2(Tokens.withRoles("admin")).queryParam("action", action)
                .queryParam("from", from.toString()).queryParam("limit", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().path("items");
    }

    /** A ticket body; {@code extra} is inserted as more JSON fields (e.g. "\"team\": \"x\","). */
    public static String ticketJson(String category, String extra) {
        return """
                {%s "channel": "EMAIL", "category": "%s", "priority": "HIGH", "subject": "Invoice wrong",
                 "customer": {"externalId": "CRM-C-1", "tier": "GOLD"}}
                """.formatted(extra, category);
    }

    public static String openTicket(String extra) {
        return asCrm().body(ticketJson("INQUIRY", extra)).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
    }

    /** A ticket reported late: opened at {@code openedAt}. */
    public static String openTicketOpenedAt(Instant openedAt) {
        return openTicket("\"openedAt\": \"" + openedAt + "\",");
    }

    public static String openTicket() {
        return openTicket("");
    }

    public static String etagOf(String ticketId) {
        return asAgent().get("/api/v1/tickets/" + ticketId).then().statusCode(200).extract().header("ETag");
    }

    public static List<String> types(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> KafkaTestSupport.header(r, "ce_type")).toList();
    }

    /** The record's data as its contract record. */
    public static <T extends PledgeEvent> T data(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return EventCodec.fromTree(EventCodec.parse(record.value()), type);
    }

    /** The record's CloudEvents time: when it happened in the world. */
    public static Instant ceTime(ConsumerRecord<String, byte[]> record) {
        return OffsetDateTime.parse(KafkaTestSupport.header(record, "ce_time")).toInstant();
    }

    public static String unique() {
        return UUID.randomUUID().toString();
    }

    private IntakeApi() {
    }
}
