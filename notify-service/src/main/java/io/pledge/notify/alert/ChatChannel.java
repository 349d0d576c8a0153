package io.pledge.notify.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pledge.notify.NotifyConfig;
import io.pledge.notify.outbound.OutboundAddresses;
import io.pledge.notify.recipient.Staff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Alerts to a chat incoming webhook (Slack and Teams both take {@code {"text": ...}}). The URL is
 * checked against the outbound rules before every call, as webhook endpoints are; redirects are
 * not followed and every wait is bounded.
 */
@ApplicationScoped
public class ChatChannel {

    private final OutboundAddresses outbound;
    private final ObjectMapper json;
    private final NotifyConfig.Alerts config;
    private final HttpClient http;

    @Inject
    public ChatChannel(OutboundAddresses outbound, ObjectMapper json, NotifyConfig config) {
        this.outbound = outbound;
        this.json = json;
        this.config = config.alerts();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.chatConnectTimeout())
                .build();
    }

    public void send(Staff to, MessageRenderer.Message message) throws SendFailure {
        URI url = to.chatWebhook();
        String refusal = outbound.refusal(url);
        if (refusal != null) {
            throw new SendFailure("chat webhook refused: " + refusal, true, null);
        }
        HttpResponse<Void> answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(config.chatAnswerTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("text", message.chat()))))
                    .build();
            answer = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("chat webhook: interrupted", false, e);
        } catch (IOException e) {
            throw new SendFailure("chat webhook: " + MailChannel.describe(e), false, e);
        }
        int status = answer.statusCode();
        if (status / 100 != 2) {
            boolean retried = status >= 500 || status == 408 || status == 429;
            throw new SendFailure("chat webhook answered " + status, !retried, null);
        }
    }
}
