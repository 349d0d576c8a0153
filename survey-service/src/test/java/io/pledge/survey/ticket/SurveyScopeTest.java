package io.pledge.survey.ticket;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.security.Roles;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.platform.testing.Tokens;
import io.pledge.survey.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.pledge.platform.testing.KafkaTestSupport.cloudEvent;
import static io.pledge.survey.SurveyFixtures.PATIENCE;
import static io.pledge.survey.SurveyFixtures.api;
import static io.pledge.survey.SurveyFixtures.as;
import static io.pledge.survey.SurveyFixtures.deliver;
import static io.pledge.survey.SurveyFixtures.facts;
import static io.pledge.survey.SurveyFixtures.awaitLink;
import static io.pledge.survey.SurveyFixtures.newCustomer;
import static io.pledge.survey.SurveyFixtures.openedAndResolved;
import static io.pledge.survey.SurveyFixtures.status;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Blueprint §6 for surveys: a survey belongs to its ticket's team, department and source system
 * (404 outside); a customer's opt-out is theirs, relayed by the CRM or given through their link.
 */
@QuarkusTest
class SurveyScopeTest {

    @Inject
    MovableClock clock;

    private static RequestSpecification with(String token) {
        return given().auth().oauth2(token);
    }

    private static TicketFacts opened(String customer, String team, String department, String sourceSystem) {
        TicketFacts facts = new TicketFacts(UUID.randomUUID(), customer, Channel.EMAIL, Category.INQUIRY,
                Priority.NORMAL, TicketStatus.OPEN, team, "agent-of-" + team, department);
        Instant at = Instant.now();
        deliver(List.of(cloudEvent(new TicketOpened(facts, "GOLD", sourceSystem, List.of(), at, null), at)));
        return facts;
    }

    @Test
    void aSurveyOutsideTheCallersScopeIsA404LikeAnUnknownTicket() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = newCustomer();
        TicketFacts a = opened(customer, "team-a-" + suffix, "dept-a-" + suffix, "crm-a-" + suffix);
        TicketFacts b = opened(customer, "team-b-" + suffix, "dept-b-" + suffix, "crm-b-" + suffix);
        String path = "/api/v1/tickets/%s/survey";

        String agentA = Tokens.of(Roles.AGENT).subject("li.na@x").teams(a.team()).sign();
        with(agentA).get(path.formatted(a.ticketId())).then().statusCode(200).body("invitation", equalTo("NOT_SCHEDULED"));
        with(agentA).get(path.formatted(b.ticketId())).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("ticket " + b.ticketId() + " is not known to survey-service"));

        String supervisorB = Tokens.of(Roles.SUPERVISOR).subject("wang.fang@x").teams("no-team")
                .departments(b.department()).sign();
        with(supervisorB).get(path.formatted(b.ticketId())).then().statusCode(200);
        with(supervisorB).get(path.formatted(a.ticketId())).then().statusCode(404);

        String crmA = Tokens.of(Roles.INTEGRATION).subject("crm-a-client").client("crm-a-" + suffix).sign();
        with(crmA).get(path.formatted(a.ticketId())).then().statusCode(200);
        with(crmA).get(path.formatted(b.ticketId())).then().statusCode(404);
    }

    @Test
    void onlyAnIntegrationReachingTheCustomerOptsOutStaffMayNot() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = newCustomer();
        opened(customer, "team-" + suffix, "dept-" + suffix, "crm-a-" + suffix);
        String optOut = "/api/v1/customers/" + customer + "/opt-out";

        as("agent").post(optOut).then().statusCode(403).contentType("application/problem+json");
        as("supervisor").post(optOut).then().statusCode(403);
        as("admin").post("/api/v1/customers/" + customer + "/opt-in").then().statusCode(403);
        with(Tokens.of(Roles.INTEGRATION).client("crm-b-" + suffix).sign()).post(optOut).then().statusCode(404)
                .body("detail", equalTo("no ticket of customer " + customer + " in your scope"));
        with(Tokens.of(Roles.INTEGRATION).client("crm-b-" + suffix).sign())
                .post("/api/v1/customers/" + newCustomer() + "/opt-out").then().statusCode(404);

        with(Tokens.of(Roles.INTEGRATION).client("crm-a-" + suffix).sign()).post(optOut).then().statusCode(200)
                .body("optedOut", equalTo(true));
    }

    @Test
    void aCustomerOptsOutThroughTheirOwnSurveyLinkWithoutLogin() {
        String customer = newCustomer();
        TicketFacts first = facts(customer, Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        String link;
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            deliver(openedAndResolved(first, clock.now(), "FIXED"));
            clock.advance(Duration.ofMinutes(61));
            link = awaitLink(links, first, "survey.sent");
        }
        given().post(api(link) + "/opt-out").then().statusCode(200)
                .body("optedOut", equalTo(true));
        given().post("/api/v1/s/" + "B".repeat(43) + "/opt-out").then().statusCode(404)
                .contentType("application/problem+json");

        // past the once-a-week window, so that only the opt-out can keep the next invitation back
        clock.advance(Duration.ofDays(8));
        TicketFacts second = facts(customer, Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        deliver(openedAndResolved(second, clock.now(), "FIXED"));
        clock.advance(Duration.ofMinutes(61));
        await().atMost(PATIENCE).untilAsserted(() -> status(second).body("invitation", equalTo("SKIPPED"))
                .body("reason", equalTo("OPTED_OUT")));
    }
}
