package io.pledge.notify.webhook;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP webhook receiver, as a CRM would run one: it verifies each request's Standard
 * Webhooks signature with the library and counts what it received by webhook-id. What it answers
 * is up to the test: a status per request number (1, 2, ...), and optionally a slow answer.
 */
final class Receiver implements AutoCloseable {

    /** A request as received, and whether its signature verified with the secret. */
    record Received(String webhookId, String contentType, String body, boolean verified, long receivedAtNanos) {
    }

    private final HttpServer server;
    private volatile String secret;
    private final IntUnaryOperator statusOfRequest;
    private final Duration answerAfter;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();

    private Receiver(IntUnaryOperator statusOfRequest, Duration answerAfter) throws IOException {
        this.statusOfRequest = statusOfRequest;
        this.answerAfter = answerAfter;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** A receiver answering each request (numbered from 1) with the status given. */
    static Receiver answering(IntUnaryOperator statusOfRequest) throws IOException {
        return new Receiver(statusOfRequest, Duration.ZERO);
    }

    /** A receiver that takes {@code answerAfter} to answer 200. */
    static Receiver slow(Duration answerAfter) throws IOException {
        return new Receiver(n -> 200, answerAfter);
    }

    /** The subscription's secret, known once it exists: signatures are verified with it. */
    Receiver trusting(String secret) {
        this.secret = secret;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return received;
    }

    int requests() {
        return requests.get();
    }

    /** How many times the event with this webhook-id arrived. */
    int timesReceived(String webhookId) {
        AtomicInteger count = byId.get(webhookId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean verified = verifies(body, exchange);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        received.add(new Received(id, exchange.getRequestHeaders().getFirst("content-type"), body, verified, System.nanoTime()));
        byId.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
        if (!answerAfter.isZero()) {
            try {
                Thread.sleep(answerAfter.toMillis()); // the slow receiver under test, not a wait in a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = statusOfRequest.applyAsInt(number);
        byte[] answer = ("answer " + number).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /**
     * Whether one of the webhook-signature's signatures is the library's for this id, timestamp and
     * body. The library's own verify() also refuses a timestamp more than 5 minutes from the
     * machine's time, and the module's tests move the service's clock forward (MovableClock): the
     * signature is checked here, the timestamp's freshness in SignaturesTest.
     */
    private boolean verifies(String body, HttpExchange exchange) {
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String header = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (secret == null || id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            String expected = new Webhook(secret).sign(id, Long.parseLong(timestamp), body);
            return List.of(header.split(" ")).contains(expected);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
