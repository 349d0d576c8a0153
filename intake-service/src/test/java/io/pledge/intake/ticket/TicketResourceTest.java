package io.pledge.intake.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.EventSchemas;
import io.pledge.contracts.EventType;
import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class TicketResourceTest {

    private static TopicReader tickets;

    @Inject
    EntityManager em;

    /** The management interface's root, http://localhost:<its random test port>/q/ */
    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    @BeforeAll
    static void readTicketTopic() {
        tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS);
    }

    @AfterAll
    static void close() {
        tickets.close();
    }

    private static RequestSpecification asCrm() {
        return given().auth().oauth2(Tokens.withRoles("integration")).contentType(ContentType.JSON);
    }

    private static String ticketJson(String subject, String reference) {
        return """
                {"channel": "EMAIL", "category": "COMPLAINT", "priority": "HIGH",
                 "subject": "%s", "description": "The invoice is wrong",
                 "customer": {"externalId": "CRM-C-1", "tier": "GOLD"},
                 "externalReference": %s,
                 "tags": ["billing"], "team": "billing"}
                """.formatted(subject, reference == null ? "null" : "\"" + reference + "\"");
    }

    @Test
    void openingATicketStoresItAndPublishesTicketOpenedAsACloudEvent() {
        String id = asCrm().body(ticketJson("Invoice wrong", null))
                .when().post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .header("Idempotent-Replayed", "false")
                .body("status", equalTo("OPEN"))
                .body("priority", equalTo("HIGH"))
                .body("customer.externalId", equalTo("CRM-C-1"))
                .extract().path("id");

        asCrm().get("/api/v1/tickets/" + id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("subject", equalTo("Invoice wrong"));

        ConsumerRecord<String, byte[]> record = tickets.awaitAtLeast(1, Duration.ofSeconds(20),
                r -> id.equals(r.key())).get(0);
        assertEquals("ticket.opened", header(record, "ce_type"));
        assertEquals(id, header(record, "ce_subject"));
        assertEquals("/pledge/intake-service", header(record, "ce_source"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("urn:pledge:schema:ticket.opened", header(record, "ce_dataschema"));
        assertEquals("application/json", header(record, "content-type"));
        assertNotNull(UUID.fromString(header(record, "ce_id")));
        assertNotNull(Instant.parse(header(record, "ce_time")));
        JsonNode data = EventCodec.parse(record.value());
        assertEquals(List.of(), EventSchemas.violations(EventType.TICKET_OPENED, data));
        assertEquals("CRM-C-1", data.get("ticket").get("customerId").asText());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstTicketAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String body = ticketJson("Retried " + key, null);
        String first = asCrm().header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        String second = asCrm().header("Idempotency-Key", key).body(body).post("/api/v1/tickets")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, second);
        assertEquals(1L, ticketsWithSubject("Retried " + key));
    }

    @Test
    void reusingAnIdempotencyKeyForADifferentRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        asCrm().header("Idempotency-Key", key).body(ticketJson("First " + key, null)).post("/api/v1/tickets")
                .then().statusCode(201);
        asCrm().header("Idempotency-Key", key).body(ticketJson("Other " + key, null)).post("/api/v1/tickets")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("Idempotency-Key '" + key + "' was already used for a different request"));
        assertEquals(0L, ticketsWithSubject("Other " + key));
    }

    @Test
    void theSameCrmReferenceWithoutAKeyReturnsTheExistingTicket() {
        String reference = "CASE-" + UUID.randomUUID();
        String first = asCrm().body(ticketJson("Ref " + reference, reference)).post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        String again = asCrm().body(ticketJson("Ref " + reference, reference)).post("/api/v1/tickets")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
    }

    @Test
    void invalidFieldsAreA400ProblemNamingEachFieldAndWriteNothing() {
        String subject = "Invalid " + UUID.randomUUID();
        asCrm().body("""
                        {"channel": "EMAIL", "category": "INQUIRY", "subject": "%s",
                         "customer": {"externalId": ""}, "sourceSystem": "crm system!",
                         "tags": ["%s"]}
                        """.formatted(subject, "x".repeat(65)))
                .post("/api/v1/tickets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("customer.externalId"))
                .body("errors.field", hasItem("sourceSystem"))
                .body("errors.field", hasItem("tags[0]"));
        assertEquals(0L, ticketsWithSubject(subject));
    }

    @Test
    void anUnknownEnumValueAnUnknownFieldAndMalformedJsonAre400Problems() {
        asCrm().body(ticketJson("x", null).replace("\"EMAIL\"", "\"PIGEON\""))
                .post("/api/v1/tickets").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("channel"));
        asCrm().body(ticketJson("x", null).replace("\"team\"", "\"chanel\": \"EMAIL\", \"team\""))
                .post("/api/v1/tickets").then().statusCode(400).contentType("application/problem+json");
        asCrm().body("{\"channel\": ").post("/api/v1/tickets")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = ticketJson("Huge", null).replace("The invoice is wrong", "x".repeat(300_000));
        asCrm().body(huge).post("/api/v1/tickets").then().statusCode(413);
    }

    @Test
    void aContactInTheFutureIsA422() {
        String subject = "Future " + UUID.randomUUID();
        asCrm().body(ticketJson(subject, null).replace("\"team\"",
                        "\"openedAt\": \"" + Instant.now().plus(Duration.ofDays(1)) + "\", \"team\""))
                .post("/api/v1/tickets").then().statusCode(422).contentType("application/problem+json");
        assertEquals(0L, ticketsWithSubject(subject));
    }

    @Test
    void anUnknownTicketIsA404Problem() {
        asCrm().get("/api/v1/tickets/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void missingExpiredOrForeignTokensAreRefusedAndRolesAreEnforced() {
        String body = ticketJson("Auth", null);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2(Tokens.expired("integration")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2(Tokens.signedByStranger("integration")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2(Tokens.forAudience("another-app", "integration")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets").then().statusCode(401);
        given().auth().oauth2(Tokens.withRoles("dashboard")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets").then().statusCode(403);
    }

    @Test
    void healthOpenApiAndMetricsAreServedOnTheManagementInterfaceOnly() {
        given().get(management("health/live")).then().statusCode(200);
        given().get(management("health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("kafka")));
        given().get(management("health/group/kafka")).then().statusCode(200).body("checks.name", hasItem("kafka"));
        given().get(management("openapi")).then().statusCode(200);
        given().get(management("metrics")).then().statusCode(200).body(containsString("pledge_outbox_pending"));
        // the public port serves none of them
        for (String path : List.of("/q/health/ready", "/q/openapi", "/q/metrics")) {
            given().get(path).then().statusCode(not(equalTo(200)));
        }
    }

    private URL management(String path) {
        try {
            return new URL(managementRoot, path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private long ticketsWithSubject(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select count(t) from Ticket t where t.subject = :subject", Long.class)
                .setParameter("subject", subject).getSingleResult());
    }
}
