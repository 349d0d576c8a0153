package io.pledge.notify.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;


/**
 * One delivery attempt over HTTP, by the Standard Webhooks specification: the structured-mode
 * CloudEvent as the body, signed with the subscription's secrets ({@code webhook-signature} holds
 * one {@code v1,} signature per secret, space-separated, during a rotation's overlap). Redirects
 * are not followed; connecting and answering have bounded waits; only the first kilobyte of an
 * answer is kept (the rest is read and dropped, so the connection can be reused).
 */
final class WebhookSender {

    static final int ANSWER_KEPT = 1024;

    /** What came of one attempt: a status (null if no answer came), the answer's start, or the error. */
    record Attempt(Integer status, String retryAfter, String answer, String error, long latencyMillis) {
    }

    private final HttpClient client;
    private final Duration answerTimeout;

    WebhookSender(Duration connectTimeout, Duration answerTimeout, Executor executor) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        this.answerTimeout = answerTimeout;
    }

    /** Signs and sends {@code body}; never fails: every failure is an {@link Attempt} too. */
    CompletableFuture<Attempt> send(URI url, String webhookId, List<String> secrets, String body, Instant now) {
        long timestamp = now.getEpochSecond();
        String signature;
        try {
            signature = signatures(webhookId, timestamp, body, secrets);
        } catch (WebhookSigningException | EmptyWebhookSecretException | RuntimeException e) {
            return CompletableFuture.completedFuture(new Attempt(null, null, null, "could not sign: " + e.getMessage(), 0));
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(answerTimeout)
                .header("content-type", "application/cloudevents+json; charset=utf-8")
                .header("user-agent", "Pledge-Webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        return client.sendAsync(request, info -> new FirstKilobyte())
                .handle((response, failure) -> {
                    long latency = (System.nanoTime() - start) / 1_000_000;
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        String error = cause instanceof HttpTimeoutException ? "no answer within " + answerTimeout
                                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        return new Attempt(null, null, null, error, latency);
                    }
                    return new Attempt(response.statusCode(), response.headers().firstValue("retry-after").orElse(null),
                            response.body(), null, latency);
                });
    }

    /** The webhook-signature header: a signature per secret. */
    static String signatures(String webhookId, long timestamp, String body, List<String> secrets)
            throws WebhookSigningException, EmptyWebhookSecretException {
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append(new Webhook(secret).sign(webhookId, timestamp, body));
        }
        return header.toString();
    }

    /** Keeps the first {@link #ANSWER_KEPT} bytes of an answer as text, reads the rest and drops it. */
    private static final class FirstKilobyte implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteBuffer kept = ByteBuffer.allocate(ANSWER_KEPT);

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (kept.hasRemaining()) {
                    ByteBuffer slice = item.slice();
                    slice.limit(Math.min(slice.remaining(), kept.remaining()));
                    kept.put(slice);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            kept.flip();
            // a multi-byte character cut at the kilobyte's end becomes U+FFFD, never an error
            result.complete(StandardCharsets.UTF_8.decode(kept).toString());
        }
    }
}
