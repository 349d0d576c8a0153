package io.pledge.intake.customer;

import io.pledge.contracts.Topics;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class CustomerPrivacyTest {

    @Inject
    EntityManager em;

    @Test
    void contactDataIsStoredEncryptedShownToAgentsFoundByHashAndNeverPublished() {
        String externalId = "CRM-" + unique();
        String phone = "+86 139 " + (1000_0000 + (int) (Math.random() * 8999_9999));
        String email = externalId.toLowerCase() + "@example.cn";
        String id;
        try (TopicReader tickets = KafkaTestSupport.readFromNowOn(Topics.TICKETS)) {
            id = asCrm().body("""
                            {"channel": "EMAIL", "category": "INQUIRY", "subject": "Where is my parcel",
                             "customer": {"externalId": "%s", "name": "Han Meimei", "phone": "%s", "email": "%s"}}
                            """.formatted(externalId, phone, email))
                    .post("/api/v1/tickets").then().statusCode(201)
                    .body("customer.name", equalTo("Han Meimei"))
                    .extract().path("id");
            String event = new String(tickets.awaitAtLeast(1, Duration.ofSeconds(20), r -> id.equals(r.key()))
                    .get(0).value(), StandardCharsets.UTF_8);
            assertFalse(event.contains("Han Meimei") || event.contains(email) || event.contains(phone.substring(4)));
        }

        Customer stored = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("from Customer c where c.externalId = :id", Customer.class)
                .setParameter("id", externalId).getSingleResult());
        assertNotNull(stored.phoneHash);
        for (byte[] column : new byte[][]{stored.nameEnc, stored.phoneEnc, stored.emailEnc}) {
            String raw = new String(column, StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("Han") || raw.contains("example.cn") || raw.contains(phone.substring(8)));
        }

        asAgent().get("/api/v1/tickets/" + id).then()
                .body("customer.phone", equalTo(phone)).body("customer.email", equalTo(email));
        asAgent().queryParam("phone", phone.replace(" ", "")).get("/api/v1/customers").then().statusCode(200)
                .body("", hasSize(1)).body("[0].externalId", equalTo(externalId));
        asAgent().queryParam("email", email.toUpperCase()).get("/api/v1/customers").then().statusCode(200)
                .body("[0].name", equalTo("Han Meimei"));
        asAgent().get("/api/v1/customers").then().statusCode(400).contentType("application/problem+json");
        asAgent().queryParam("email", "not-an-email").get("/api/v1/customers").then().statusCode(400);
    }

    @Test
    void invalidContactDataIsA400() {
        asCrm().body("""
                        {"channel": "EMAIL", "category": "INQUIRY", "subject": "x",
                         "customer": {"externalId": "C-1", "phone": "call me maybe", "email": "nope"}}
                        """)
                .post("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("customer.email", "customer.phone")));
    }
}
