package io.pledge.intake.customer;

import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.pledge.intake.support.IntakeApi.as;
import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.asIntegration;
import static io.pledge.intake.support.IntakeApi.audit;
import static io.pledge.intake.support.IntakeApi.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Blueprint §5/§6: contact data shown only within scope, each decryption audited, changed only by integrations. */
@QuarkusTest
class ContactDataTest {

    @Inject
    EntityManager em;

    private static String ticket(String externalId, String contact, String extra) {
        return """
                {%s "channel": "EMAIL", "category": "INQUIRY", "subject": "Contact %s",
                 "customer": {"externalId": "%s" %s}}
                """.formatted(extra, externalId, externalId, contact);
    }

    private static String phone() {
        return "+86 136 " + (1000_0000 + (int) (Math.random() * 8999_9999));
    }

    private static List<Map<String, String>> decryptions(Instant from, String target) {
        return audit("contact-data.decrypted", from).stream().filter(e -> target.equals(e.get("target"))).toList();
    }

    @Test
    void theAnswerToOpeningShowsOnlyTheContactDataTheRequestCarried() {
        String externalId = "C-" + unique();
        String phone = phone();
        asCrm().body(ticket(externalId, ", \"name\": \"Han Meimei\", \"phone\": \"" + phone + "\"", ""))
                .post("/api/v1/tickets").then().statusCode(201)
                .body("customer.name", equalTo("Han Meimei")).body("customer.phone", equalTo(phone));
        asCrm().body(ticket(externalId, "", "")).post("/api/v1/tickets").then().statusCode(201)
                .body("customer.externalId", equalTo(externalId))
                .body("customer.name", nullValue()).body("customer.phone", nullValue()).body("customer.email", nullValue());

        // a retry (same reference) shows the stored data of the fields it carried, and that is audited
        String reference = "R-" + unique();
        String first = asCrm().body(ticket(externalId, ", \"name\": \"Han Meimei\"", "\"externalReference\": \"" + reference + "\","))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        Instant before = Instant.now().minusSeconds(1);
        asCrm().body(ticket(externalId, ", \"phone\": \"" + phone + "\"", "\"externalReference\": \"" + reference + "\","))
                .post("/api/v1/tickets").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first))
                .body("customer.phone", equalTo(phone)).body("customer.name", nullValue());
        assertEquals(List.of("phone"), decryptions(before, "ticket " + first).stream().map(e -> e.get("detail")).toList());
    }

    @Test
    void readingATicketOrLookingUpACustomerIsAuditedAndScoped() {
        String crm = "crm-" + unique();
        String externalId = "C-" + unique();
        String phone = phone();
        String email = externalId.toLowerCase() + "@example.cn";
        String team = "team-" + unique();
        String id = asIntegration(crm).body(ticket(externalId, ", \"name\": \"Li Lei\", \"phone\": \"" + phone
                        + "\", \"email\": \"" + email + "\"", "\"team\": \"" + team + "\","))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");

        Instant before = Instant.now().minusSeconds(1);
        String agent = Tokens.of(Roles.AGENT).subject("li.na@x").teams(team).sign();
        as(agent).get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("customer.name", equalTo("Li Lei")).body("customer.email", equalTo(email));
        List<Map<String, String>> read = decryptions(before, "ticket " + id);
        assertEquals(1, read.size());
        assertEquals(List.of("li.na@x", "name,phone,email"), List.of(read.get(0).get("actor"), read.get(0).get("detail")));

        // lists and the answers of actions carry no contact data, and decrypt nothing
        as(agent).queryParam("customer", externalId).get("/api/v1/tickets").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].customer", nullValue());
        as(agent).body("{\"status\": \"ON_HOLD\"}").post("/api/v1/tickets/" + id + "/status").then().statusCode(200)
                .body("customer.externalId", equalTo(externalId)).body("customer.phone", nullValue());
        assertEquals(1, decryptions(before, "ticket " + id).size());

        as(agent).queryParam("phone", phone).get("/api/v1/customers").then().statusCode(200)
                .body("", hasSize(1)).body("[0].name", equalTo("Li Lei"));
        assertEquals(List.of("name,phone,email"), decryptions(before, "customer " + externalId).stream()
                .map(e -> e.get("detail")).toList());
        String stranger = Tokens.of(Roles.AGENT).subject("wang.wu@x").teams("team-" + unique()).sign();
        as(stranger).queryParam("phone", phone).get("/api/v1/customers").then().statusCode(200).body("", hasSize(0));
        as(stranger).get("/api/v1/tickets/" + id).then().statusCode(404);
        asIntegration(crm).queryParam("email", email).get("/api/v1/customers").then().statusCode(200).body("", hasSize(1));
        asIntegration("crm-" + unique()).queryParam("email", email).get("/api/v1/customers").then().body("", hasSize(0));
        assertEquals(1, decryptions(before, "ticket " + id).size(), "the refused reads decrypted nothing");
    }

    @Test
    void onlyIntegrationClientsChangeAKnownCustomersContactData() {
        String externalId = "C-" + unique();
        String phone = phone();
        asCrm().body(ticket(externalId, ", \"name\": \"Han Meimei\", \"phone\": \"" + phone + "\"", ""))
                .post("/api/v1/tickets").then().statusCode(201);

        asAgent().body(ticket(externalId, ", \"phone\": \"+86 100 0000 0000\"", "\"tags\": [\"refused\"],"))
                .post("/api/v1/tickets").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("only integration clients change contact data: customer " + externalId
                        + " has other contact data on record (send none, or the stored)"));
        asAgent().body(ticket(externalId, ", \"email\": \"new@example.cn\"", "")).post("/api/v1/tickets")
                .then().statusCode(403);
        assertEquals(1L, ticketsOf(externalId), "a refused request opens no ticket");

        // the stored data, or none, is fine; nothing is overwritten
        asAgent().body(ticket(externalId, ", \"phone\": \"" + phone.replace(" ", "") + "\"", "")).post("/api/v1/tickets")
                .then().statusCode(201);
        asAgent().body(ticket(externalId, "", "")).post("/api/v1/tickets").then().statusCode(201)
                .body("customer.phone", nullValue());
        asAgent().queryParam("phone", phone).get("/api/v1/customers").then().statusCode(200)
                .body("[0].name", equalTo("Han Meimei")).body("[0].phone", equalTo(phone)).body("[0].email", nullValue());

        // an integration is the master of contact data
        String email = externalId.toLowerCase() + "@example.cn";
        asCrm().body(ticket(externalId, ", \"email\": \"" + email + "\"", "")).post("/api/v1/tickets").then().statusCode(201);
        asAgent().queryParam("email", email).get("/api/v1/customers").then().statusCode(200)
                .body("[0].externalId", equalTo(externalId));
        assertEquals(4L, ticketsOf(externalId));
    }

    @Test
    void aCrmSendingAnotherCrmsCustomerIdGetsACustomerOfItsOwnAndNeitherSeesNorChangesTheOther() {
        String crmA = "crm-a-" + unique();
        String crmB = "crm-b-" + unique();
        String externalId = "C-" + unique();
        String phone = phone();
        String ofA = asIntegration(crmA).body(ticket(externalId, ", \"name\": \"Han Meimei\", \"phone\": \"" + phone + "\"", ""))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");

        Instant before = Instant.now().minusSeconds(1);
        String ofB = asIntegration(crmB).body(ticket(externalId, "", "")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        asIntegration(crmB).get("/api/v1/tickets/" + ofB).then().statusCode(200)
                .body("customer.externalId", equalTo(externalId))
                .body("customer.name", nullValue()).body("customer.phone", nullValue());
        // B is the master of its own customer's contact data only
        asIntegration(crmB).body(ticket(externalId, ", \"name\": \"Somebody Else\", \"phone\": \"+86 100 0000 0000\"", ""))
                .post("/api/v1/tickets").then().statusCode(201);
        asIntegration(crmB).get("/api/v1/tickets/" + ofB).then().statusCode(200)
                .body("customer.name", equalTo("Somebody Else"));
        asIntegration(crmA).get("/api/v1/tickets/" + ofA).then().statusCode(200)
                .body("customer.name", equalTo("Han Meimei")).body("customer.phone", equalTo(phone));
        asIntegration(crmB).queryParam("phone", phone).get("/api/v1/customers").then().statusCode(200).body("", hasSize(0));
        assertEquals(List.of(crmA + "@clients"), decryptions(before, "ticket " + ofA).stream()
                .map(e -> e.get("actor")).toList(), "only A's own read decrypted A's customer");
        assertEquals(List.of(crmA, crmB), QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select c.sourceSystem from Customer c where c.externalId = :id order by c.createdAt",
                        String.class).setParameter("id", externalId).getResultList()));
    }

    @Test
    void staffOpeningATicketForACustomerTheyDoNotReachLearnNothingOfIt() {
        String externalId = "C-" + unique();
        String phone = phone();
        String teamB = "team-" + unique();
        String ofB = asIntegration("crm-" + unique()).body(ticket(externalId, ", \"name\": \"Li Lei\", \"phone\": \""
                        + phone + "\"", "\"team\": \"" + teamB + "\",")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        String agentB = Tokens.of(Roles.AGENT).subject("wang.wu@x").teams(teamB).client(null).sign();

        Instant before = Instant.now().minusSeconds(1);
        // an agent of another team: the ticket opens in their team, as for a customer never seen, and shows nothing of B's
        String agentA = Tokens.of(Roles.AGENT).subject("li.na@x").teams("team-" + unique()).client(null).sign();
        String ofA = as(agentA).body(ticket(externalId, "", "")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        as(agentA).get("/api/v1/tickets/" + ofA).then().statusCode(200)
                .body("customer.externalId", equalTo(externalId))
                .body("customer.name", nullValue()).body("customer.phone", nullValue());
        // no oracle: a wrong guess and the right one are answered alike, and neither is B's data changed
        as(Tokens.of(Roles.AGENT).subject("zhao.liu@x").teams("team-" + unique()).client(null).sign())
                .body(ticket(externalId, ", \"phone\": \"+86 100 0000 0000\"", "")).post("/api/v1/tickets")
                .then().statusCode(201).body("customer.name", nullValue());
        String guesser = Tokens.of(Roles.AGENT).subject("sun.qi@x").teams("team-" + unique()).client(null).sign();
        String guessed = as(guesser).body(ticket(externalId, ", \"phone\": \"" + phone + "\"", ""))
                .post("/api/v1/tickets").then().statusCode(201).body("customer.name", nullValue()).extract().path("id");
        as(guesser).get("/api/v1/tickets/" + guessed).then().statusCode(200)
                .body("customer.phone", equalTo(phone)).body("customer.name", nullValue());
        assertEquals(0, decryptions(before, "ticket " + ofB).size(), "B's customer was not decrypted");
        as(agentB).get("/api/v1/tickets/" + ofB).then().statusCode(200)
                .body("customer.name", equalTo("Li Lei")).body("customer.phone", equalTo(phone));

        // who reaches the customer links to it, and is told when they would change its data
        String ofTeamB = as(agentB).body(ticket(externalId, "", "")).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        as(agentB).get("/api/v1/tickets/" + ofTeamB).then().statusCode(200).body("customer.name", equalTo("Li Lei"));
        as(agentB).body(ticket(externalId, ", \"phone\": \"+86 100 0000 0000\"", "")).post("/api/v1/tickets")
                .then().statusCode(403);
    }

    private long ticketsOf(String externalId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select count(t) from Ticket t where t.customerId = :id", Long.class)
                .setParameter("id", externalId).getSingleResult());
    }
}
