package io.pledge.notify.alert;

import io.pledge.notify.recipient.Language;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The messages, in both shipped languages, with instants in the recipient's zone. */
class MessageRendererTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final MessageRenderer renderer = new MessageRenderer("https://crm.example/tickets/{ticketId}?from=pledge");

    private static AlertFacts warning() {
        return new AlertFacts("sla.warning", "t-42", "HIGH", "FAULT", "FIRST_RESPONSE", 75,
                Instant.parse("2030-05-01T10:00:00Z"), null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static AlertFacts escalation() {
        return new AlertFacts("complaint.escalated", "t-43", "NORMAL", "COMPLAINT", null, null, null, null, null, 2,
                "CUSTOMER_REJECTED", Instant.parse("2030-05-02T01:30:00Z"), null, null, null, null, null, null, null, null);
    }

    @Test
    void aWarningInEnglishNamesTheTicketThePromiseTheDueTimeInTheirZoneAndTheLink() {
        MessageRenderer.Message m = renderer.render(warning(), Language.EN, NEW_YORK);
        assertEquals("Ticket t-42: first response 75% used, due 2030-05-01 06:00 (America/New_York)", m.subject());
        assertEquals("Ticket t-42 (high priority) has used 75% of its first response promise. It is due 2030-05-01 06:00 "
                + "(America/New_York).\nTicket: https://crm.example/tickets/t-42?from=pledge", m.text());
    }

    @Test
    void aWarningInChinese() {
        MessageRenderer.Message m = renderer.render(warning(), Language.ZH_CN, SHANGHAI);
        assertEquals("工单 t-42：首次响应时限已用 75%，截止 2030-05-01 18:00（Asia/Shanghai）", m.subject());
        assertEquals("工单 t-42（高优先级）的首次响应承诺时限已用去 75%，截止时间 2030-05-01 18:00（Asia/Shanghai）。"
                + "\n工单链接：https://crm.example/tickets/t-42?from=pledge", m.text());
    }

    @Test
    void anEscalationCarriesTheContactDeadline() {
        assertEquals("Ticket t-43: complaint at level 2, contact the customer by 2030-05-02 09:30 (Asia/Shanghai)",
                renderer.render(escalation(), Language.EN, SHANGHAI).subject());
        assertEquals("工单 t-43：投诉已升级至第 2 级，请于 2030-05-02 09:30（Asia/Shanghai） 前联系客户",
                renderer.render(escalation(), Language.ZH_CN, SHANGHAI).subject());
        assertEquals("The complaint on ticket t-43 was escalated to level 2 (the customer rejected the solution). The "
                        + "customer must be contacted by 2030-05-02 09:30 (Asia/Shanghai).\nTicket: https://crm.example/tickets/t-43?from=pledge",
                renderer.render(escalation(), Language.EN, SHANGHAI).text());
    }

    @Test
    void aCorrectionSaysTheBreachWasNot() {
        AlertFacts retraction = new AlertFacts("sla.breach-retracted", "t-44", "NORMAL", "FAULT", "RESOLUTION", null, null,
                null, Instant.parse("2030-05-01T08:00:00Z"), null, null, null, null, null, null, null, null, null, null, null);
        assertEquals("Correction, ticket t-44: the resolution promise was not breached",
                renderer.render(retraction, Language.EN, SHANGHAI).subject());
        assertEquals("更正，工单 t-44：解决承诺并未超时", renderer.render(retraction, Language.ZH_CN, SHANGHAI).subject());
    }

    @Test
    void aCustomMilestoneIsNamedAsItIsAndMissingFactsShowAsADash() {
        AlertFacts custom = new AlertFacts("sla.breached", "t/45", null, null, "CALL_BACK", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        MessageRenderer.Message m = renderer.render(custom, Language.EN, SHANGHAI);
        assertEquals("Ticket t/45: CALL_BACK promise breached", m.subject());
        assertEquals("The CALL_BACK promise of ticket t/45 (-) was due - and is breached.\n"
                + "Ticket: https://crm.example/tickets/t%2F45?from=pledge", m.text());
    }

    @Test
    void aDisabledEndpointNamesTheHostAndTheLastError() {
        AlertFacts disabled = new AlertFacts("webhook.endpoint-disabled", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "5b7e", "crm.example", Instant.parse("2030-04-28T10:00:00Z"),
                Instant.parse("2030-05-01T10:00:00Z"), "answered 503");
        MessageRenderer.Message m = renderer.render(disabled, Language.EN, ZoneId.of("UTC"));
        assertEquals("Webhook endpoint crm.example disabled", m.subject());
        assertEquals("Deliveries of webhook subscription 5b7e to crm.example failed from 2030-04-28 10:00 (UTC) and were "
                + "stopped 2030-05-01 10:00 (UTC). Last error: answered 503. Turn the subscription on again once the "
                + "endpoint answers.", m.text());
    }

    @Test
    void aDigestListsTheAlertsItCarries() {
        MessageRenderer.Message en = renderer.digest(List.of(warning(), escalation()), Language.EN, SHANGHAI);
        assertEquals("2 more alerts", en.subject());
        assertEquals("""
                More alerts came than are sent one by one in a minute; here they are together:
                - Ticket t-42: first response 75% used, due 2030-05-01 18:00 (Asia/Shanghai)
                  https://crm.example/tickets/t-42?from=pledge
                - Ticket t-43: complaint at level 2, contact the customer by 2030-05-02 09:30 (Asia/Shanghai)
                  https://crm.example/tickets/t-43?from=pledge""", en.text());
        MessageRenderer.Message zh = renderer.digest(List.of(warning(), escalation()), Language.ZH_CN, SHANGHAI);
        assertEquals("另有 2 条提醒", zh.subject());
    }
}
