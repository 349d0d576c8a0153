package io.pledge.e2e;

import io.pledge.contracts.Topics;
import io.pledge.contracts.sla.SlaClockStarted;
import io.pledge.platform.events.InboundEvent;
import io.pledge.platform.events.InboundEventReader;
import io.pledge.platform.testing.KafkaTestSupport;
import io.pledge.platform.testing.KafkaTestSupport.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static io.pledge.e2e.LocalPlatform.Service.INTAKE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #16: the customer's tracking page, in a real browser, shows by when the first reply is promised. */
class TrackingPageIT {

    /** As TicketJourneyIT: the services may first work through the backlog the module tests left. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @BeforeAll
    static void platform() {
        LocalPlatform.start();
    }

    @Test
    void theTrackingPageShowsTheDueInstantOfTheRunningFirstResponseClockOnAPhoneAndADesktop() {
        InboundEventReader reader = new InboundEventReader();
        try (TopicReader sla = KafkaTestSupport.readFromNowOn(Topics.SLA)) {
            // a chat (seed-chat: first reply within 30 min, due before anything else the policy times)
            String id = Tickets.open("CHAT", "INQUIRY", "tracking-" + UUID.randomUUID());
            String link = INTAKE.as("integration").get("/api/v1/tickets/" + id)
                    .then().statusCode(200).extract().path("trackingUrl");
            assertTrue(link.startsWith("http://127.0.0.1:" + INTAKE.port + "/t/"), link);

            Instant dueAt = sla.awaitAtLeast(1, PATIENCE, r -> id.equals(r.key())
                            && "sla.clock-started".equals(KafkaTestSupport.header(r, "ce_type"))
                            && "FIRST_RESPONSE".equals(clockStarted(reader.read(r)).clock().metric()))
                    .stream().map(r -> clockStarted(reader.read(r)).dueAt()).findFirst().orElseThrow();

            try (Browser phone = Browser.phone()) {
                showsTheDueInstant(phone, link, dueAt, "zh-CN", "tracking-phone");
            }
            try (Browser desktop = Browser.desktop()) {
                showsTheDueInstant(desktop, link, dueAt, "en", "tracking-desktop");
            }
        }
    }

    /** Opens the link until the promise is there, compares its instant exactly, screenshots and checks it. */
    private static void showsTheDueInstant(Browser browser, String link, Instant dueAt, String language, String screenshot) {
        WebDriver page = browser.driver();
        WebElement promised = await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            page.get(link);
            return page.findElements(By.cssSelector(".promise time")).stream().findFirst().orElse(null);
        }, Objects::nonNull);
        assertEquals(dueAt, Instant.parse(promised.getDomAttribute("datetime")));
        assertEquals(language, page.findElement(By.tagName("html")).getDomAttribute("lang"));
        // tracking.js has rewritten the server's Asia/Shanghai wording into the device's own zone
        await().atMost(Duration.ofSeconds(10)).until(() -> !promised.getText().contains("Asia/Shanghai"));
        assertFalse(promised.getText().isBlank());
        browser.screenshot(screenshot);
        assertEquals(List.of(), browser.seriousAccessibilityViolations());
    }

    private static SlaClockStarted clockStarted(InboundEvent event) {
        return event.dataAs(SlaClockStarted.class);
    }
}
