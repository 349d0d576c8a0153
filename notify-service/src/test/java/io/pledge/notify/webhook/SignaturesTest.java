package io.pledge.notify.webhook;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The webhook-signature header, checked with the Standard Webhooks library as a receiver would. */
class SignaturesTest {

    @Test
    void duringARotationEitherSecretVerifies() throws Exception {
        String oldSecret = Subscription.newSecret();
        String newSecret = Subscription.newSecret();
        long now = Instant.now().getEpochSecond();
        String body = "{\"specversion\":\"1.0\",\"id\":\"e-1\"}";
        String header = WebhookSender.signatures("e-1", now, body, List.of(newSecret, oldSecret));
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("e-1"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
        assertDoesNotThrow(() -> new Webhook(oldSecret).verify(body, headers));
        assertDoesNotThrow(() -> new Webhook(newSecret).verify(body, headers));
        assertThrows(Exception.class, () -> new Webhook(Subscription.newSecret()).verify(body, headers));
        assertThrows(Exception.class, () -> new Webhook(newSecret).verify(body + " ", headers), "a changed body fails");
    }

    @Test
    void theOverlapEnds() {
        Instant until = Instant.parse("2026-12-03T00:00:00Z");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("new", "old"),
                Subscription.signingSecrets("new", "old", until, until.minusSeconds(1)));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("new"), Subscription.signingSecrets("new", "old", until, until));
    }
}
