package io.pledge.intake.privacy;

import io.pledge.intake.IntakeConfig;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.audit;
import static io.pledge.intake.support.IntakeApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contact data written under a retired key is moved onto the active key and reads the same afterwards. */
@QuarkusTest
class KeyRotationTest {

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    @Test
    void rowsUnderARetiredKeyMoveOntoTheActiveOneAndStayReadable() {
        String externalId = "CRM-" + unique();
        String phone = "+86 137 " + (1000_0000 + (int) (Math.random() * 8999_9999));
        String ticketId = asCrm().body("""
                        {"channel": "PHONE", "category": "INQUIRY", "subject": "Key rotation",
                         "customer": {"externalId": "%s", "name": "Li Lei", "phone": "%s"}}
                        """.formatted(externalId, phone))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");

        // as if written before the rotation: this customer's data sealed with the retired key
        FieldCipher retired = new FieldCipher(FieldCipher.parseKeys(config.privacy().keys()), "retired-0",
                Base64.getDecoder().decode(config.privacy().hashKey()));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update customer set key_id = 'retired-0', name_enc = ?1, phone_enc = ?2
                        where external_id = ?3""")
                .setParameter(1, retired.encrypt("customer.name", "Li Lei"))
                .setParameter(2, retired.encrypt("customer.phone", phone))
                .setParameter(3, externalId).executeUpdate());
        given().auth().oauth2(Tokens.withRoles("admin")).get("/api/v1/privacy/keys").then().statusCode(200)
                .body("activeKey", equalTo("dev-1"))
                .body("rows.retired-0.customers", greaterThanOrEqualTo(1));
        asAgent().get("/api/v1/tickets/" + ticketId).then().statusCode(200).body("customer.phone", equalTo(phone));

        Instant before = Instant.now().minusSeconds(1);
        given().auth().oauth2(Tokens.withRoles("admin")).post("/api/v1/privacy/keys/reencrypt").then().statusCode(200)
                .body("reencrypted", greaterThanOrEqualTo(1))
                .body("usage.rows", not(hasKey("retired-0")));
        assertTrue(audit("keys.reencrypted", before).stream()
                        .anyMatch(e -> "privacy keys".equals(e.get("target")) && e.get("detail").contains("customers moved onto key dev-1")),
                "the re-encryption is in the audit log");

        assertEquals("dev-1", QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select key_id from customer where external_id = ?1")
                .setParameter(1, externalId).getSingleResult()));
        asAgent().get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .body("customer.name", equalTo("Li Lei")).body("customer.phone", equalTo(phone));
    }

    @Test
    void onlyAdminsRotateAndALimitOutOfRangeIsA400() {
        asAgent().get("/api/v1/privacy/keys").then().statusCode(403);
        given().auth().oauth2(Tokens.withRoles("supervisor")).post("/api/v1/privacy/keys/reencrypt").then().statusCode(403);
        given().auth().oauth2(Tokens.withRoles("admin")).queryParam("limit", 0).post("/api/v1/privacy/keys/reencrypt")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
