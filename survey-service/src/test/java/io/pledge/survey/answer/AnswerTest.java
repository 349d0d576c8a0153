package io.pledge.survey.answer;

import io.pledge.contracts.Topics;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketStatus;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import io.pledge.survey.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pledge.survey.SurveyFixtures.PATIENCE;
import static io.pledge.survey.SurveyFixtures.api;
import static io.pledge.survey.SurveyFixtures.as;
import static io.pledge.survey.SurveyFixtures.awaitLink;
import static io.pledge.survey.SurveyFixtures.deliver;
import static io.pledge.survey.SurveyFixtures.facts;
import static io.pledge.survey.SurveyFixtures.newCustomer;
import static io.pledge.survey.SurveyFixtures.openedAndResolved;
import static io.pledge.survey.SurveyFixtures.questions;
import static io.pledge.survey.SurveyFixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Customers answering through their link: no login, once, and every bad input a clear problem. */
@QuarkusTest
class AnswerTest {

    @Inject
    MovableClock clock;

    static ValidatableResponse answer(String link, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(api(link)).then();
    }

    /** A default-template survey sent for a fresh EMAIL inquiry: its link, from pledge.surveys.links. */
    private String sentSurvey(TicketFacts ticket, TopicReader links) {
        deliver(openedAndResolved(ticket, clock.now(), "FIXED"));
        clock.advance(Duration.ofMinutes(61));
        return awaitLink(links, ticket, "survey.sent");
    }

    private static Map<String, Object> fullAnswer(int csat, int nps, int ces, int dimensionScore) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("csat", csat);
        answer.put("nps", nps);
        answer.put("ces", ces);
        answer.put("dimensions", Map.of("SERVICE_ATTITUDE", dimensionScore, "RESPONSE_SPEED", dimensionScore,
                "RESOLUTION_EFFECTIVENESS", dimensionScore, "PROFESSIONALISM", dimensionScore,
                "COMMUNICATION_CLARITY", dimensionScore));
        answer.put("comment", "quick and kind");
        return answer;
    }

    @Test
    void aCustomerSeesTheQuestionsAndAnswersOnce() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.SURVEYS);
             TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String link = sentSurvey(ticket, links);
            questions(link).statusCode(200)
                    .body("questions.csat", equalTo(true))
                    .body("questions.nps", equalTo(true))
                    .body("questions.dimensions", hasSize(5))
                    .body("questions.dimensions[0].name", equalTo("SERVICE_ATTITUDE"));

            Map<String, Object> body = fullAnswer(5, 9, 6, 4);
            answer(link, body).statusCode(200)
                    .body("csatClass", equalTo("SATISFIED"))
                    .body("npsClass", equalTo("PROMOTER"))
                    .body("cesClass", equalTo("EASY"))
                    .body("weightedScore", equalTo(4.0f))
                    .body("unsatisfied", equalTo(false));
            answer(link, body).statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("answered already"));
            questions(link).statusCode(409);

            List<ConsumerRecord<String, byte[]>> completed = published.awaitAtLeast(2, PATIENCE,
                    r -> ticket.ticketId().toString().equals(r.key()));
            InboundEvent event = new InboundEventReader().read(completed.get(1));
            assertEquals("survey.completed", event.type().type());
            assertEquals(5, event.data().path("csat").asInt());
            assertEquals(4.0, event.data().path("weightedScore").asDouble());
            assertFalse(event.data().path("unsatisfied").asBoolean());
            assertTrue(event.data().path("commented").asBoolean());
            assertEquals("EMAIL", event.data().path("ticket").path("channel").asText());
            assertEquals("agent-9", event.data().path("ticket").path("agent").asText());
            // the comment is for supervisors and admins (blueprint §6); an agent gets the scores
            status(ticket).body("invitation", equalTo("COMPLETED"))
                    .body("answers.score.csat", equalTo(5))
                    .body("answers.comment", nullValue());
            as("supervisor").get("/api/v1/tickets/" + ticket.ticketId() + "/survey").then().statusCode(200)
                    .body("answers.comment", equalTo("quick and kind"));
        }
    }

    @Test
    void anUnhappyAnswerIsMarkedUnsatisfied() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String link = sentSurvey(ticket, links);
            answer(link, fullAnswer(4, 3, 5, 4)).statusCode(200)
                    .body("csatClass", equalTo("SATISFIED"))
                    .body("npsClass", equalTo("DETRACTOR"))
                    .body("unsatisfied", equalTo(true));
        }
    }

    @Test
    void badAnswersAreProblemsAndLeaveTheSurveyOpen() {
        TicketFacts ticket = facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String link = sentSurvey(ticket, links);
            answer(link, fullAnswer(6, 9, 6, 4)).statusCode(400).contentType("application/problem+json");
            answer(link, fullAnswer(5, 11, 6, 4)).statusCode(400);
            answer(link, fullAnswer(5, 9, 0, 4)).statusCode(400);
            answer(link, fullAnswer(5, 9, 6, 9)).statusCode(400);
            Map<String, Object> missing = fullAnswer(5, 9, 6, 4);
            missing.remove("nps");
            missing.put("dimensions", Map.of("SERVICE_ATTITUDE", 4, "WEATHER", 5));
            answer(link, missing).statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("nps is required"))
                    .body("detail", containsString("dimensions.RESPONSE_SPEED is required"))
                    .body("detail", containsString("dimensions.WEATHER is not asked"));
            answer(link, "{").statusCode(400).contentType("application/problem+json");
            answer(link, Map.of("csat", "five")).statusCode(400);
            questions(link).statusCode(200);
            status(ticket).body("invitation", equalTo("SENT"));
        }
    }

    @Test
    void unknownAndMalformedLinksAreProblems() {
        questions("http://localhost/api/v1/s/" + "A".repeat(43)).statusCode(404).contentType("application/problem+json");
        answer("http://localhost/api/v1/s/" + "A".repeat(43), fullAnswer(5, 9, 6, 4)).statusCode(404);
        questions("http://localhost/api/v1/s/short").statusCode(400).contentType("application/problem+json");
    }
}
