package io.pledge.survey.page;

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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pledge.survey.SurveyFixtures.PATIENCE;
import static io.pledge.survey.SurveyFixtures.awaitLink;
import static io.pledge.survey.SurveyFixtures.deliver;
import static io.pledge.survey.SurveyFixtures.facts;
import static io.pledge.survey.SurveyFixtures.newCustomer;
import static io.pledge.survey.SurveyFixtures.openedAndResolved;
import static io.pledge.survey.SurveyFixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The customer's survey page: the form in their language, answered without JavaScript, and its kind refusals. */
@QuarkusTest
class SurveyPageTest {

    @Inject
    MovableClock clock;

    /** A default-template survey sent for a fresh EMAIL inquiry: its page's path, from pledge.surveys.links. */
    private String sentSurvey(TicketFacts ticket, TopicReader links) {
        deliver(openedAndResolved(ticket, clock.now(), "FIXED"));
        clock.advance(Duration.ofMinutes(61));
        return URI.create(awaitLink(links, ticket, "survey.sent")).getPath();
    }

    private static TicketFacts newTicket() {
        return facts(newCustomer(), Channel.EMAIL, Category.INQUIRY, TicketStatus.OPEN);
    }

    private static RequestSpecification inEnglish() {
        return given().header("Accept-Language", "en-GB,en;q=0.9").redirects().follow(false);
    }

    private static Map<String, String> fullForm(String csat, String nps, String ces, String dimensionScore) {
        Map<String, String> form = new HashMap<>();
        form.put("csat", csat);
        form.put("nps", nps);
        form.put("ces", ces);
        for (String dimension : List.of("SERVICE_ATTITUDE", "RESPONSE_SPEED", "RESOLUTION_EFFECTIVENESS",
                "PROFESSIONALISM", "COMMUNICATION_CLARITY")) {
            form.put("dimension." + dimension, dimensionScore);
        }
        form.put("comment", "quick and kind");
        return form;
    }

    @Test
    void theFormIsChineseByDefaultAndEnglishByAcceptLanguage() {
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(newTicket(), links);
            given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Language", "zh-CN")
                    .body(containsString("<html lang=\"zh-CN\">"))
                    .body(containsString("我们做得怎么样？"))
                    .body(containsString("服务态度"));
            inEnglish().get(page).then().statusCode(200)
                    .header("Content-Language", "en")
                    .body(containsString("<html lang=\"en\">"))
                    .body(containsString("How did we do?"))
                    .body(containsString("Very satisfied"))
                    .body(containsString("The staff&#39;s attitude"))
                    .body(containsString("Pledge"));
        }
    }

    @Test
    void thePageForbidsForeignCodeAndReferrers() {
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(newTicket(), links);
            given().get(page).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("form-action 'self'"))
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store");
        }
    }

    @Test
    void aCsatInTheLinkIsPreselectedAndRecordsNothing() {
        TicketFacts ticket = newTicket();
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(ticket, links);
            given().queryParam("csat", 5).get(page).then().statusCode(200)
                    .body(containsString("id=\"csat-5\" name=\"csat\" value=\"5\" checked"))
                    .body(not(containsString("value=\"4\" checked")));
            given().queryParam("csat", 9).get(page).then().statusCode(200).body(not(containsString(" checked")));
            given().queryParam("csat", "five").get(page).then().statusCode(200).body(not(containsString(" checked")));
            status(ticket).body("invitation", equalTo("SENT"));
        }
    }

    @Test
    void thePostedFormRecordsTheAnswerAndSurveyCompletedCarriesTheScores() {
        TicketFacts ticket = newTicket();
        try (TopicReader published = KafkaTestSupport.readFromNowOn(Topics.SURVEYS);
             TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(ticket, links);
            inEnglish().formParams(fullForm("4", "9", "6", "5")).post(page).then().statusCode(303)
                    .header("Location", endsWith(page + "/thanks"));
            inEnglish().get(page + "/thanks").then().statusCode(200).body(containsString("Thank you!"));

            List<ConsumerRecord<String, byte[]>> completed = published.awaitAtLeast(2, PATIENCE,
                    r -> ticket.ticketId().toString().equals(r.key()));
            InboundEvent event = new InboundEventReader().read(completed.get(1));
            assertEquals("survey.completed", event.type().type());
            assertEquals(4, event.data().path("csat").asInt());
            assertEquals(9, event.data().path("nps").asInt());
            assertEquals(6, event.data().path("ces").asInt());
            assertEquals(5.0, event.data().path("weightedScore").asDouble());
            status(ticket).body("invitation", equalTo("COMPLETED"));
        }
    }

    @Test
    void anInvalidFormIsShownAgainWithASentenceAndRecordsNothing() {
        TicketFacts ticket = newTicket();
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(ticket, links);
            inEnglish().formParams(fullForm("6", "9", "6", "4")).post(page).then().statusCode(400)
                    .contentType(containsString("text/html"))
                    .body(containsString("One of the answers is not on its scale"))
                    .body(containsString("id=\"nps-9\" name=\"nps\" value=\"9\" checked"))
                    .body(containsString("quick and kind"));
            Map<String, String> missing = fullForm("5", "9", "6", "4");
            missing.remove("nps");
            inEnglish().formParams(missing).post(page).then().statusCode(422)
                    .body(containsString("Please answer every question"))
                    .body(containsString("id=\"csat-5\" name=\"csat\" value=\"5\" checked"));
            given().formParams(missing).post(page).then().statusCode(422)
                    .body(containsString("请回答每一个问题"));
            status(ticket).body("invitation", equalTo("SENT"));
        }
    }

    @Test
    void answeredExpiredAndUnknownLinksSaySoKindly() {
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String answered = sentSurvey(newTicket(), links);
            inEnglish().formParams(fullForm("5", "9", "6", "4")).post(answered).then().statusCode(303);
            inEnglish().get(answered).then().statusCode(409).contentType(containsString("text/html"))
                    .body(containsString("you have already answered this survey"));
            inEnglish().formParams(fullForm("5", "9", "6", "4")).post(answered).then().statusCode(409);

            String expiring = sentSurvey(newTicket(), links);
            clock.advance(Duration.ofDays(8));
            inEnglish().get(expiring).then().statusCode(410).contentType(containsString("text/html"))
                    .body(containsString("can no longer be answered"));

            inEnglish().get("/s/" + "A".repeat(43)).then().statusCode(404).contentType(containsString("text/html"))
                    .body(containsString("We could not find a survey for this link"));
            given().get("/s/short").then().statusCode(404).body(containsString("未找到问卷"));
        }
    }

    @Test
    void theOptOutButtonConfirmsNoMoreSurveys() {
        try (TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            String page = sentSurvey(newTicket(), links);
            inEnglish().get(page).then().body(containsString("action=\"" + page + "/opt-out\""));
            inEnglish().post(page + "/opt-out").then().statusCode(200)
                    .body(containsString("You will get no more surveys"));
            inEnglish().post("/s/" + "B".repeat(43) + "/opt-out").then().statusCode(404);
        }
    }
}
