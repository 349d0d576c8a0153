package io.pledge.e2e;

import io.pledge.contracts.EventCodec;
import io.pledge.contracts.Topics;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.pledge.e2e.LocalPlatform.Service.SURVEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A customer answers the survey of a real survey.sent in the browser, on a phone. */
class SurveyPageIT {

    /** As TicketJourneyIT: the services may first work through the backlog the module tests left. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** The closure survey (seed-complaint-closure) asks CSAT, the five dimensions and a comment. */
    private static final List<String> DIMENSIONS = List.of("SERVICE_ATTITUDE", "RESPONSE_SPEED",
            "RESOLUTION_EFFECTIVENESS", "PROFESSIONALISM", "COMMUNICATION_CLARITY");

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void aCustomerAnswersTheSurveyOfARealInvitationOnAPhoneAndSurveyCompletedCarriesThoseScores() {
        String id = Tickets.open("EMAIL", "COMPLAINT", "survey-page-" + UUID.randomUUID());
        try (TopicReader surveys = KafkaTestSupport.readFromNowOn(Topics.SURVEYS);
             TopicReader links = KafkaTestSupport.readFromNowOn(Topics.SURVEY_LINKS)) {
            Complaints.walkToClosure(id, PATIENCE);
            String page = pageOf(id, surveys, links);

            try (Browser desktop = Browser.desktop()) {
                WebDriver d = desktop.driver();
                d.get(page);
                new WebDriverWait(d, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("form.survey")));
                desktop.screenshot("survey-desktop");
                assertEquals(List.of(), desktop.seriousAccessibilityViolations());
            }

            try (Browser phone = Browser.phone()) {
                WebDriver d = phone.driver();
                d.get(page);
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(10));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.survey")));
                assertEquals("zh-CN", d.findElement(By.tagName("html")).getDomAttribute("lang"));
                d.findElement(By.cssSelector("label[for='csat-4']")).click();
                for (String dimension : DIMENSIONS) {
                    d.findElement(By.cssSelector("label[for='dimension-" + dimension + "-5']")).click();
                }
                d.findElement(By.id("comment")).sendKeys("换货很快");
                // typing scrolled to the comment: the screenshot shows the page from its top (the stars)
                ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
                phone.screenshot("survey-phone");
                assertEquals(List.of(), phone.seriousAccessibilityViolations());

                WebElement submit = d.findElement(By.cssSelector("form.survey button[type=submit]"));
                submit.click();
                wait.until(ExpectedConditions.urlContains("/thanks"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
                phone.screenshot("survey-thanks-phone");
                assertEquals(List.of(), phone.seriousAccessibilityViolations());
            }

            ConsumerRecord<String, byte[]> completed = surveys.awaitAtLeast(1, PATIENCE, r -> id.equals(r.key())
                    && "survey.completed".equals(KafkaTestSupport.header(r, "ce_type"))).get(0);
            InboundEvent event = new InboundEventReader().read(completed);
            assertEquals(4, event.data().path("csat").asInt());
            for (String dimension : DIMENSIONS) {
                assertEquals(5, event.data().path("dimensions").path(dimension).asInt(), dimension);
            }
            assertEquals(true, event.data().path("commented").asBoolean());
        }
    }

    /** The survey page of the link issued with the ticket's survey.sent (on pledge.surveys.links). */
    private static String pageOf(String ticketId, TopicReader surveys, TopicReader links) {
        ConsumerRecord<String, byte[]> sent = surveys.awaitAtLeast(1, PATIENCE, r -> ticketId.equals(r.key())
                && "survey.sent".equals(KafkaTestSupport.header(r, "ce_type"))).get(0);
        String sentId = KafkaTestSupport.header(sent, "ce_id");
        String link = EventCodec.parse(links.awaitAtLeast(1, PATIENCE, r -> ticketId.equals(r.key())
                        && "survey.link-issued".equals(KafkaTestSupport.header(r, "ce_type"))
                        && sentId.equals(EventCodec.parse(r.value()).path("announcedEventId").asText()))
                .get(0).value()).path("link").asText();
        // the link is the page, /s/{token}, once LocalPlatform's PLEDGE_SURVEY_PUBLIC_BASE_URL says so; the token is its end
        String path = URI.create(link).getPath();
        return "http://127.0.0.1:" + SURVEY.port + "/s/" + path.substring(path.lastIndexOf('/') + 1);
    }
}
