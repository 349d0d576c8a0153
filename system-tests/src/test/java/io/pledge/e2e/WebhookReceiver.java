package io.pledge.e2e;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A CRM's webhook endpoint, for real: an HTTP server on 127.0.0.1 that verifies each delivery's
 * Standard Webhooks signature with the specification's library, answers 204 (401 to a signature
 * that does not verify, as a CRM would), and counts the verified deliveries by webhook-id.
 */
final class WebhookReceiver implements AutoCloseable {

    /**
     * A port of 127.0.0.1 held by a socket that is bound but does not listen: nothing else can take
     * it, and a connection to it is refused, until a receiver {@link #listen}s on it.
     */
    static final class ReservedPort implements AutoCloseable {

        private final Socket socket = new Socket();

        ReservedPort() throws IOException {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
        }

        int port() {
            return socket.getLocalPort();
        }

        /** The receiver's URL, to subscribe before anything listens there. */
        String url() {
            return "http://127.0.0.1:" + port() + "/hook";
        }

        /** A receiver on this port, from now on, trusting the subscription's {@code secret} (whsec_...). */
        WebhookReceiver listen(String secret) throws IOException {
            int port = port();
            close();
            return new WebhookReceiver(port, secret);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Webhook verifier;
    private final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unverified = new AtomicInteger();

    private WebhookReceiver(int port, String secret) throws IOException {
        try {
            verifier = new Webhook(secret);
        } catch (EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("a receiver needs the subscription's secret", e);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** Every request, verified or not. */
    int requests() {
        return requests.get();
    }

    /** Requests whose signature did not verify (answered 401, so the service would not retry them). */
    int unverified() {
        return unverified.get();
    }

    /** How many times a verified delivery with this webhook-id arrived. */
    int timesReceived(String webhookId) {
        AtomicInteger count = byId.get(webhookId);
        return count == null ? 0 : count.get();
    }

    /** Verified deliveries by webhook-id: how many times each arrived. */
    Map<String, Integer> receivedById() {
        return byId.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status;
        try {
            verifier.verify(body, exchange.getRequestHeaders());
            byId.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), id -> new AtomicInteger())
                    .incrementAndGet();
            status = 204;
        } catch (WebhookVerificationException e) {
            unverified.incrementAndGet();
            status = 401;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
