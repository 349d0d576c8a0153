package io.pledge.complaint.complaint;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketReclassified;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.PATIENCE;
import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.complaint.ComplaintFixtures.ticketOpened;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.platform.testing.KafkaTestSupport.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RegistrationTest {

    @Test
    void aComplaintTicketRegistersOneComplaintHoweverOftenItIsDelivered() {
        TicketOpened opened = ticketOpened(Category.COMPLAINT, Priority.HIGH, newCustomer(), now());
        ProducerRecord<String, byte[]> event = cloudEvent(opened, opened.openedAt());
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(event, event);

            String id = complaintsOf(opened.ticket().ticketId())
                    .body("items", hasSize(1))
                    .body("items[0].state", equalTo("REGISTERED"))
                    .body("items[0].severity", equalTo("MAJOR"))
                    .body("items[0].level", equalTo(1))
                    .body("items[0].subject", equalTo("OTHER"))
                    .body("items[0].department", equalTo("customer-care"))
                    .body("items[0].repeat", equalTo(false))
                    .body("items[0].registeredAt", equalTo(opened.openedAt().toString()))
                    .body("items[0].acknowledgeBy", equalTo(opened.openedAt().plus(Duration.ofHours(24)).toString()))
                    .extract().path("items[0].id");
            as("agent").get("/api/v1/complaints/" + id)
                    .then().statusCode(200).header("ETag", notNullValue())
                    .body("ticketId", equalTo(opened.ticket().ticketId().toString()))
                    .body("allowedActions[0]", equalTo("ACKNOWLEDGE"));

            List<ConsumerRecord<String, byte[]>> registered = published.awaitAtLeast(1, PATIENCE,
                    r -> opened.ticket().ticketId().toString().equals(r.key()));
            assertEquals(1, registered.size());
            assertEquals("complaint.registered", header(registered.get(0), "ce_type"));
        }
    }

    @Test
    void anInquiryRegistersNoComplaintUntilItIsReclassifiedAsOne() {
        TicketOpened opened = ticketOpened(Category.INQUIRY, Priority.NORMAL, newCustomer(), now());
        deliver(cloudEvent(opened, opened.openedAt()));
        complaintsOf(opened.ticket().ticketId()).body("items", hasSize(0));

        TicketFacts before = opened.ticket();
        TicketFacts after = new TicketFacts(before.ticketId(), before.customerId(), before.channel(), Category.COMPLAINT,
                before.priority(), before.status(), before.team(), before.agent(), before.department());
        Instant reclassifiedAt = opened.openedAt().plusSeconds(60);
        deliver(cloudEvent(new TicketReclassified(after, Priority.NORMAL, Category.INQUIRY, reclassifiedAt), reclassifiedAt));
        complaintsOf(opened.ticket().ticketId())
                .body("items", hasSize(1))
                .body("items[0].registeredAt", equalTo(reclassifiedAt.toString()));
    }

    @Test
    void aComplaintRaisedByRestForAKnownTicketIsRegisteredOnce() {
        TicketOpened inquiry = ticketOpened(Category.INQUIRY, Priority.NORMAL, newCustomer(), now());
        deliver(cloudEvent(inquiry, inquiry.openedAt()));
        Map<String, Object> body = Map.of("ticketId", inquiry.ticket().ticketId(), "subject", "BILLING",
                "department", "billing-dept", "description", "charged twice");

        String id = as("agent").body(body).post("/api/v1/complaints")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/complaints/"))
                .body("subject", equalTo("BILLING"))
                .body("department", equalTo("billing-dept"))
                .body("registeredBy", equalTo("test-agent@pledge.test"))
                .extract().path("id");
        as("integration").body(body).post("/api/v1/complaints")
                .then().statusCode(200).body("id", equalTo(id));
        complaintsOf(inquiry.ticket().ticketId()).body("items", hasSize(1));
    }

    @Test
    void aComplaintForATicketNotArrivedYetWaitsAndIsRegisteredAsAskedWhenTheTicketArrives() {
        TicketOpened inquiry = ticketOpened(Category.INQUIRY, Priority.NORMAL, newCustomer(), now());
        UUID ticketId = inquiry.ticket().ticketId();
        Map<String, Object> body = Map.of("ticketId", ticketId, "subject", "BILLING", "description", "charged twice");
        String location = as("integration").body(body).post("/api/v1/complaints")
                .then().statusCode(202)
                .header("Location", endsWith("/api/v1/complaints/registrations/" + ticketId))
                .body("status", equalTo("WAITING_FOR_TICKET"))
                .extract().header("Location");
        as("integration").body(body).post("/api/v1/complaints").then().statusCode(202); // a blind retry: still one
        as("integration").redirects().follow(false).get(location)
                .then().statusCode(200).body("status", equalTo("WAITING_FOR_TICKET"));
        complaintsOf(ticketId).body("items", hasSize(0));

        deliver(cloudEvent(inquiry, inquiry.openedAt()));
        String complaintId = complaintsOf(ticketId)
                .body("items", hasSize(1))
                .body("items[0].subject", equalTo("BILLING"))
                .body("items[0].description", equalTo("charged twice"))
                .body("items[0].registeredBy", equalTo("test-integration@pledge.test"))
                .extract().path("items[0].id");
        as("integration").redirects().follow(false).get(location)
                .then().statusCode(303)
                .header("Location", endsWith("/api/v1/complaints/" + complaintId))
                .body("status", equalTo("REGISTERED"));
        as("integration").get("/api/v1/complaints/registrations/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRegistrationWithBadInputIsRefusedAndNothingWaits() {
        as("agent").body(Map.of("subject", "BILLING")).post("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("agent").body(Map.of("ticketId", "not-a-uuid")).post("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        UUID unknown = UUID.randomUUID();
        as("agent").body(Map.of("ticketId", unknown, "subject", "WEATHER")).post("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("agent").get("/api/v1/complaints/registrations/" + unknown).then().statusCode(404);
        as("agent").body("{").post("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("dashboard").body(Map.of("ticketId", UUID.randomUUID())).post("/api/v1/complaints").then().statusCode(403);
    }

    @Test
    void aCriticalComplaintGoesStraightToTheSupervisor() {
        TicketOpened urgent = ticketOpened(Category.COMPLAINT, Priority.URGENT, newCustomer(), now());
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.COMPLAINTS)) {
            deliver(cloudEvent(urgent, urgent.openedAt()));
            complaintsOf(urgent.ticket().ticketId())
                    .body("items[0].severity", equalTo("CRITICAL"))
                    .body("items[0].level", equalTo(2))
                    .body("items[0].levelName", equalTo("supervisor"))
                    .body("items[0].contactBy", equalTo(urgent.openedAt().plus(Duration.ofHours(24)).toString()));
            List<ConsumerRecord<String, byte[]>> events = published.awaitAtLeast(2, PATIENCE,
                    r -> urgent.ticket().ticketId().toString().equals(r.key()));
            assertEquals(List.of("complaint.registered", "complaint.escalated"),
                    events.stream().map(r -> header(r, "ce_type")).toList());
        }
    }

    @Test
    void theThirdComplaintOfACustomerWithinTheWindowIsARepeatAndEscalates() {
        String customer = newCustomer();
        Instant now = now();
        TicketOpened first = ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now.minus(Duration.ofDays(40)));
        TicketOpened second = ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now.minus(Duration.ofDays(20)));
        TicketOpened third = ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now.minus(Duration.ofDays(10)));
        TicketOpened fourth = ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now);
        for (TicketOpened opened : List.of(first, second, third, fourth)) {
            deliver(cloudEvent(opened, opened.openedAt()));
        }
        // The first lies outside the 30-day window of the third: the third is only the 2nd within it.
        complaintsOf(third.ticket().ticketId()).body("items[0].repeatCount", equalTo(2))
                .body("items[0].repeat", equalTo(true)).body("items[0].level", equalTo(1));
        complaintsOf(fourth.ticket().ticketId()).body("items[0].repeatCount", equalTo(3))
                .body("items[0].level", equalTo(2));
        as("supervisor").queryParam("customerId", customer).get("/api/v1/complaints")
                .then().statusCode(200).body("items", hasSize(4));
    }

    @Test
    void badQueriesAndUnknownComplaintsAreProblems() {
        as("agent").get("/api/v1/complaints/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        as("agent").queryParam("limit", 1000).get("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("agent").queryParam("level", 9).get("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("agent").queryParam("state", "LOST").get("/api/v1/complaints")
                .then().statusCode(400);
        as("agent").queryParam("cursor", "garbage").get("/api/v1/complaints")
                .then().statusCode(400).contentType("application/problem+json");
        as("dashboard").get("/api/v1/complaints").then().statusCode(403);
        given().get("/api/v1/complaints").then().statusCode(401);
        given().auth().oauth2(Tokens.expired("agent")).get("/api/v1/complaints").then().statusCode(401);
    }
}
