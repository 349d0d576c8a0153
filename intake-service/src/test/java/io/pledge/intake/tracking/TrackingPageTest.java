package io.pledge.intake.tracking;

import io.pledge.contracts.sla.SlaClockFacts;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.contracts.sla.SlaMet;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.platform.testing.KafkaTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.pledge.intake.support.IntakeApi.asAgent;
import static io.pledge.intake.support.IntakeApi.asCrm;
import static io.pledge.intake.support.IntakeApi.ticketJson;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TrackingPageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** A ticket opened through the API: its id and the token of its tracking link. */
    private record Opened(UUID id, String token) {
    }

    private static Opened openTicket() {
        var created = asCrm().body(ticketJson("FAULT", "")).post("/api/v1/tickets").then().statusCode(201).extract();
        String url = created.path("trackingUrl");
        String token = created.path("trackingToken");
        assertEquals("http://localhost:8081/t/" + token, url, "the link points at the page under the public base URL");
        return new Opened(UUID.fromString(created.path("id")), token);
    }

    private static SlaClockFacts firstResponseClock(UUID ticketId) {
        return new SlaClockFacts(UUID.randomUUID(), ticketId, "FIRST_RESPONSE", "default", Duration.ofHours(4),
                "default", Channel.EMAIL, Category.FAULT, Priority.HIGH, null, null);
    }

    private static Response page(String token, String acceptLanguage) {
        return given().header("Accept-Language", acceptLanguage).get("/t/" + token);
    }

    @Test
    void thePageShowsTheDueInstantOfTheRunningClockAndNoLongerPromisesItOnceMet() {
        Opened ticket = openTicket();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant dueAt = startedAt.plus(Duration.ofHours(4));
        SlaClockFacts clock = firstResponseClock(ticket.id());
        KafkaTestSupport.send(KafkaTestSupport.cloudEvent(new SlaClockStarted(clock, startedAt, dueAt), startedAt));

        String inShanghai = DateTimeFormatter.ofPattern("HH:mm, d MMM", Locale.ENGLISH)
                .withZone(ZoneId.of("Asia/Shanghai")).format(dueAt);
        await().atMost(DEADLINE).untilAsserted(() -> page(ticket.token(), "en").then().statusCode(200)
                .body(containsString("We will reply by <time class=\"local\" datetime=\"" + dueAt + "\">"
                        + inShanghai + " (Asia/Shanghai)</time>")));

        Instant metAt = startedAt.plusSeconds(600);
        KafkaTestSupport.send(KafkaTestSupport.cloudEvent(new SlaMet(clock, 600, metAt), metAt));
        await().atMost(DEADLINE).untilAsserted(() -> page(ticket.token(), "en").then().statusCode(200)
                .body(not(containsString("datetime=\"" + dueAt + "\"")))
                .body(not(containsString("We will reply by"))));
    }

    @Test
    void thePageIsInChineseOrEnglishAsTheBrowserAsks() {
        Opened ticket = openTicket();
        page(ticket.token(), "zh-CN,zh;q=0.9").then().statusCode(200)
                .header("Content-Language", "zh-CN")
                .body(containsString("<html lang=\"zh-CN\">"))
                .body(containsString("我们正在处理您的请求。"));
        page(ticket.token(), "en-GB,en;q=0.8").then().statusCode(200)
                .header("Content-Language", "en")
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("We are working on your request."));
    }

    @Test
    void thePageShowsTheLastPublicUpdateEscapedAndNoInternalNote() {
        Opened ticket = openTicket();
        asAgent().body("{\"author\": \"AGENT\", \"visibility\": \"INTERNAL\", \"body\": \"customer is difficult\"}")
                .post("/api/v1/tickets/" + ticket.id() + "/messages").then().statusCode(201);
        asAgent().body("{\"author\": \"AGENT\", \"body\": \"A technician comes <b>tomorrow</b>.\"}")
                .post("/api/v1/tickets/" + ticket.id() + "/messages").then().statusCode(201);
        page(ticket.token(), "en").then().statusCode(200)
                .body(containsString("<blockquote class=\"update\">A technician comes &lt;b&gt;tomorrow&lt;/b&gt;.</blockquote>"))
                .body(not(containsString("customer is difficult")));
    }

    @Test
    void thePageForbidsForeignResourcesAndKeepsTheTokenOutOfReferers() {
        Opened ticket = openTicket();
        page(ticket.token(), "en").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("form-action 'none'"))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .body(containsString("<script src=\"/tracking/tracking.js\" defer></script>"));
        given().get("/tracking/tracking.js").then().statusCode(200).body(containsString("Intl.DateTimeFormat"));
    }

    @Test
    void anUnknownOrOverlongLinkIsAKind404Page() {
        page("A".repeat(43), "en").then().statusCode(404)
                .contentType(startsWith("text/html"))
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("This link does not work"));
        page("A".repeat(300), "zh-CN").then().statusCode(404)
                .body(containsString("此链接无法使用"));
    }

    @Test
    void theJsonApiKeepsItsFieldsAndAddsThePromise() {
        Opened ticket = openTicket();
        Map<String, Object> before = given().get("/api/v1/track/" + ticket.token()).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("promisedBy", nullValue())
                .body("promisedMetric", nullValue())
                .extract().as(Map.class);
        assertEquals(Set.of("status", "lastPublicUpdate", "nextStep", "promisedBy", "promisedMetric"), before.keySet());

        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant dueAt = startedAt.plus(Duration.ofHours(4));
        KafkaTestSupport.send(KafkaTestSupport.cloudEvent(
                new SlaClockStarted(firstResponseClock(ticket.id()), startedAt, dueAt), startedAt));
        await().atMost(DEADLINE).untilAsserted(() -> {
            var view = given().get("/api/v1/track/" + ticket.token()).then().statusCode(200)
                    .body("promisedMetric", equalTo("FIRST_RESPONSE"))
                    .body("nextStep", equalTo("Our team is working on your request and will reply to you."))
                    .extract();
            assertEquals(dueAt, Instant.parse(view.path("promisedBy")));
        });
    }
}
