package io.pledge.complaint.review;

import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketOpened;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pledge.complaint.ComplaintFixtures.as;
import static io.pledge.complaint.ComplaintFixtures.complaintsOf;
import static io.pledge.complaint.ComplaintFixtures.deliver;
import static io.pledge.complaint.ComplaintFixtures.newCustomer;
import static io.pledge.complaint.ComplaintFixtures.now;
import static io.pledge.complaint.ComplaintFixtures.ticketOpened;
import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** The periodic review and the supervisor's filters (overdue, level, department). */
@QuarkusTest
class ReviewTest {

    private static String register(TicketOpened ticket, String department) {
        deliver(cloudEvent(ticket, ticket.openedAt()));
        String id = complaintsOf(ticket.ticket().ticketId()).extract().path("items[0].id");
        as("supervisor").body(Map.of("department", department, "subject", "PRODUCT"))
                .post("/api/v1/complaints/" + id + "/acknowledgement").then().statusCode(200);
        return id;
    }

    @Test
    void theReviewCountsRootCausesDepartmentsAndRepeatComplainantsOfThePeriod() {
        Instant from = now().minusSeconds(5);
        String customer = newCustomer();
        String department = "dept-" + UUID.randomUUID();
        String first = register(ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now()), department);
        register(ticketOpened(Category.COMPLAINT, Priority.LOW, customer, now()), department);
        for (var step : List.of(Map.entry("investigation", Map.of()), Map.entry("resolution-proposal", Map.of("proposal", "fix")),
                Map.entry("acceptance", Map.of()), Map.entry("follow-up", Map.of("outcome", "SATISFIED",
                        "rootCause", "DELIVERY_DELAY", "correctiveAction", "new courier")))) {
            as("supervisor").body(step.getValue()).post("/api/v1/complaints/" + first + "/" + step.getKey())
                    .then().statusCode(200);
        }
        Instant to = now().plusSeconds(5);

        as("supervisor").queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/complaints/review").then().statusCode(200)
                .body("registered", greaterThanOrEqualTo(2))
                .body("closed", greaterThanOrEqualTo(1))
                .body("departments.find { it.key == '" + department + "' }.count", equalTo(2))
                .body("rootCauses.key", hasItem("DELIVERY_DELAY"))
                .body("repeatComplainants.find { it.customerId == '" + customer + "' }.complaints", equalTo(2));
        as("supervisor").queryParam("department", department).get("/api/v1/complaints").then()
                .body("items", hasSize(2));
        as("supervisor").queryParam("department", department).queryParam("state", "CLOSED").get("/api/v1/complaints")
                .then().body("items", hasSize(1)).body("items[0].id", equalTo(first));
    }

    @Test
    void aComplaintNotAcknowledgedInTimeIsOverdue() {
        String customer = newCustomer();
        TicketOpened late = ticketOpened(Category.COMPLAINT, Priority.NORMAL, customer, now().minus(Duration.ofDays(2)));
        TicketOpened fresh = ticketOpened(Category.COMPLAINT, Priority.NORMAL, customer, now());
        deliver(cloudEvent(late, late.openedAt()));
        deliver(cloudEvent(fresh, fresh.openedAt()));

        as("supervisor").queryParam("customerId", customer).queryParam("overdue", true).get("/api/v1/complaints")
                .then().body("items", hasSize(1))
                .body("items[0].ticketId", equalTo(late.ticket().ticketId().toString()))
                .body("items[0].overdue", equalTo(true));
        as("supervisor").queryParam("customerId", customer).queryParam("overdue", false).get("/api/v1/complaints")
                .then().body("items", hasSize(1))
                .body("items[0].ticketId", equalTo(fresh.ticket().ticketId().toString()));
        as("supervisor").queryParam("customerId", customer).queryParam("level", 1).queryParam("limit", 1)
                .get("/api/v1/complaints").then().body("items", hasSize(1))
                .body("items[0].ticketId", equalTo(fresh.ticket().ticketId().toString()));
    }

    @Test
    void pagesFollowTheCursor() {
        String customer = newCustomer();
        for (int i = 0; i < 3; i++) {
            TicketOpened opened = ticketOpened(Category.COMPLAINT, Priority.NORMAL, customer, now().minusSeconds(i * 60L));
            deliver(cloudEvent(opened, opened.openedAt()));
        }
        String cursor = as("agent").queryParam("customerId", customer).queryParam("limit", 2).get("/api/v1/complaints")
                .then().body("items", hasSize(2)).extract().path("nextCursor");
        as("agent").queryParam("customerId", customer).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/complaints").then().body("items", hasSize(1)).body("nextCursor", equalTo(null));
    }

    @Test
    void aReviewNeedsAProperPeriodAndASupervisor() {
        as("supervisor").get("/api/v1/complaints/review").then().statusCode(400).contentType("application/problem+json");
        as("supervisor").queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "yesterday")
                .get("/api/v1/complaints/review").then().statusCode(400).contentType("application/problem+json");
        as("supervisor").queryParam("from", "2026-11-02T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/complaints/review").then().statusCode(400);
        as("supervisor").queryParam("from", "2024-11-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/complaints/review").then().statusCode(400);
        as("agent").queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-11-02T00:00:00Z")
                .get("/api/v1/complaints/review").then().statusCode(403);
    }
}
