package io.pledge.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pledge.contracts.EventCodec;
import io.pledge.contracts.ticket.Category;
import io.pledge.contracts.ticket.Channel;
import io.pledge.contracts.ticket.Priority;
import io.pledge.contracts.ticket.TicketFacts;
import io.pledge.contracts.ticket.TicketOpened;
import io.pledge.contracts.ticket.TicketStatus;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark of notify-service's webhook deliveries (bench/notify.sh, issue #15):
 * <ul>
 *   <li>{@code run}: a local webhook receiver (JDK HttpServer on a thread pool, answering 204,
 *   counting by subscription and webhook-id, checking every Standard Webhooks signature), the
 *   given number of subscriptions to ticket.* pointing at it (and optionally as many more at dead
 *   endpoints), then ticket.opened events straight to Kafka at a fixed rate, each a new ticket,
 *   exactly as intake-service publishes them. It reports what the receiver saw: deliveries per
 *   second and the delay from each event's Kafka timestamp to its arrival, after a warm-up;
 *   and the measured window, for the database's exact figures (bench/notify.sh).</li>
 *   <li>{@code receiver}: the same receiver alone, for the baseline of a plain HTTP load tool; it
 *   prints the signature headers of the given body so the tool's requests verify too.</li>
 *   <li>{@code load}: the JDK HttpClient the service uses (HTTP/1.1, asynchronous, the same
 *   signing), driving a receiver at a fixed concurrency: the second baseline.</li>
 * </ul>
 */
@Command(name = "notify-bench", mixinStandardHelpOptions = true,
        description = "notify-service webhook benchmark: run | receiver | load")
class NotifyBenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "run, receiver or load")
    String action;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092")
    String kafka;

    @Option(names = "--notify", defaultValue = "http://127.0.0.1:8086", description = "notify-service's API.")
    URI notify;

    @Option(names = "--token", description = "run: an admin bearer token (to subscribe).")
    String token;

    @Option(names = "--subscriptions", defaultValue = "50", description = "run: healthy subscriptions (default: ${DEFAULT-VALUE}).")
    int subscriptions;

    @Option(names = "--dead", defaultValue = "0", description = "run: further subscriptions to dead endpoints (default: ${DEFAULT-VALUE}).")
    int dead;

    @Option(names = "--dead-mode", defaultValue = "hang",
            description = "run: hang (accepts connections, never answers) or refuse (connection refused).")
    String deadMode;

    @Option(names = "--rate", defaultValue = "200", description = "run: ticket events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "PT60S",
            description = "run: measured span after the warm-up; receiver: how long to serve; load: how long to drive.")
    Duration duration;

    @Option(names = "--warm-up", defaultValue = "PT15S", description = "run, load: left out of the figures.")
    Duration warmUp;

    @Option(names = "--patience", defaultValue = "PT3M",
            description = "run: how long after the last event to wait for its deliveries.")
    Duration patience;

    @Option(names = "--port", defaultValue = "0", description = "receiver: the port to listen on (0: any).")
    int port;

    @Option(names = "--threads", defaultValue = "8", description = "run, receiver: the receiver's worker threads.")
    int threads;

    @Option(names = "--save-body", description = "run: where to write the first delivered body (the baseline's request body).")
    Path saveBody;

    @Option(names = "--body", description = "receiver, load: the request body to sign (a delivered one, from --save-body).")
    Path body;

    @Option(names = "--headers-out", description = "receiver: where to write the signature headers for --body, one a line.")
    Path headersOut;

    @Option(names = "--url", description = "load: the receiver's URL.")
    URI url;

    @Option(names = "--concurrency", defaultValue = "256", description = "load: requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        return switch (action) {
            case "run" -> run();
            case "receiver" -> receiver();
            case "load" -> load();
            default -> {
                System.err.println("unknown action " + action);
                yield 2;
            }
        };
    }

    // ---------------------------------------------------------------------------------- run --

    private int run() throws Exception {
        if (token == null) {
            System.err.println("run needs --token (bash deploy/local/pledge.sh token admin)");
            return 2;
        }
        long warmUpEvents = warmUp.toSeconds() * rate;
        int total = (int) (warmUpEvents + duration.toSeconds() * rate);
        Map<String, Integer> eventIndex = new ConcurrentHashMap<>();
        long[] publishedAt = new long[total];
        Receiver receiver = new Receiver(0, threads, subscriptions, total, eventIndex, publishedAt, warmUpEvents, saveBody);
        try (receiver; DeadEndpoint deadEndpoint = dead > 0 ? new DeadEndpoint(deadMode) : null) {
            HttpClient api = HttpClient.newHttpClient();
            for (int i = 0; i < subscriptions; i++) {
                receiver.secrets[i] = subscribe(api, receiver.url(i), "notify-bench healthy " + i);
            }
            for (int i = 0; i < dead; i++) {
                subscribe(api, deadEndpoint.url(i), "notify-bench dead " + i);
            }
            System.out.printf("subscribed: %d to the receiver %s, %d to dead endpoints (%s)%n", subscriptions,
                    receiver.url(0).replaceAll("/0$", "/{n}"), dead, dead > 0 ? deadMode : "none");

            long measuredFrom = 0;
            try (KafkaProducer<String, byte[]> producer = BenchRecords.producer(kafka)) {
                long began = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = began + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long now = System.currentTimeMillis();
                    if (i == warmUpEvents) {
                        measuredFrom = now;
                        receiver.windowOpened();
                    }
                    TicketFacts facts = new TicketFacts(java.util.UUID.randomUUID(), "BENCH-" + (i % 1000), Channel.CHAT,
                            Category.INQUIRY, Priority.NORMAL, TicketStatus.OPEN, "bench", null, null);
                    Instant time = Instant.ofEpochMilli(now);
                    ProducerRecord<String, byte[]> record = BenchRecords.record(
                            new TicketOpened(facts, null, "notify-bench", List.of(), time, null), time, "notify-bench");
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    // the record's own timestamp, set here so the receiver knows it before the event can arrive
                    publishedAt[i] = now;
                    eventIndex.put(id, i);
                    producer.send(new ProducerRecord<>(record.topic(), null, now, record.key(), record.value(), record.headers()));
                }
                producer.flush();
            }
            long measuredTo = System.currentTimeMillis();
            receiver.windowClosed();
            long wanted = (total - warmUpEvents) * (long) subscriptions;
            long deadline = System.nanoTime() + patience.toNanos();
            while (receiver.measuredDelivered.get() < wanted && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long drainedAt = System.currentTimeMillis();
            double seconds = (measuredTo - measuredFrom) / 1000.0;
            Histogram delays = receiver.delays;
            System.out.printf("window: %d..%d (epoch ms), %.1f s at %d events/s after %s of warm-up%n",
                    measuredFrom, measuredTo, seconds, rate, warmUp);
            System.out.printf("receiver: %d of %d deliveries of the window's events arrived (%d more than once,"
                            + " %d bad signatures); arrivals during the window %.0f deliveries/s (wanted %d/s);"
                            + " the last arrived %.1f s after the window%n",
                    receiver.measuredDelivered.get(), wanted, receiver.repeats.get(), receiver.badSignatures.get(),
                    receiver.arrivalsInWindow.get() / seconds, rate * subscriptions,
                    (Math.min(drainedAt, receiver.lastArrival.get() == 0 ? drainedAt : receiver.lastArrival.get()) - measuredTo) / 1000.0);
            System.out.printf("receiver: delay from Kafka timestamp to arrival p50=%d ms p99=%d ms max=%d ms%n",
                    delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
            System.out.printf("measured-from=%d measured-to=%d%n", measuredFrom, measuredTo);
            return receiver.measuredDelivered.get() >= wanted ? 0 : 1;
        }
    }

    /** Subscribes {@code url} to ticket.*; answers the signing secret. */
    private String subscribe(HttpClient api, String url, String description) throws IOException, InterruptedException {
        String request = """
                {"url": "%s", "eventTypes": ["ticket.*"], "description": "%s"}""".formatted(url, description);
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(notify.resolve("/api/v1/webhooks"))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscribing " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return EventCodec.parse(response.body().getBytes(StandardCharsets.UTF_8)).path("secret").asText();
    }

    // ----------------------------------------------------------------------------- receiver --

    /** The baseline's receiver: serves one secret on /hook/0 for {@code duration}. */
    private int receiver() throws Exception {
        byte[] payload = Files.readAllBytes(body);
        String secret = "whsec_" + Base64.getEncoder().encodeToString("notify-bench-baseline-secret-32b".getBytes(StandardCharsets.UTF_8));
        try (Receiver receiver = new Receiver(port, threads, 1, 0, Map.of(), new long[0], 0, null)) {
            receiver.secrets[0] = secret;
            long timestamp = Instant.now().getEpochSecond();
            String id = "notify-bench-baseline";
            List<String> headers = List.of("content-type: application/cloudevents+json; charset=utf-8",
                    "webhook-id: " + id, "webhook-timestamp: " + timestamp,
                    "webhook-signature: " + sign(secret, id, timestamp, payload));
            Files.write(headersOut, headers);
            System.out.printf("receiver on %s for %s%n", receiver.url(0), duration);
            Thread.sleep(duration.toMillis());
            System.out.printf("receiver: %d requests, %d bad signatures%n", receiver.requests.get(), receiver.badSignatures.get());
        }
        return 0;
    }

    // --------------------------------------------------------------------------------- load --

    /** The service's HTTP client and signing at a fixed concurrency, against {@code url}. */
    private int load() throws Exception {
        byte[] payload = Files.readAllBytes(body);
        String text = new String(payload, StandardCharsets.UTF_8);
        String secret = "whsec_" + Base64.getEncoder().encodeToString("notify-bench-baseline-secret-32b".getBytes(StandardCharsets.UTF_8));
        // as DeliveryLoop builds it: four threads for the client's work
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        Semaphore slots = new Semaphore(concurrency);
        Histogram latencies = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        long began = System.nanoTime();
        long measureFrom = began + warmUp.toNanos();
        long end = measureFrom + duration.toNanos();
        long counted = 0;
        long n = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            if (!measuring.get() && System.nanoTime() >= measureFrom) {
                measuring.set(true);
                counted = done.get();
            }
            long timestamp = Instant.now().getEpochSecond();
            String id = "load-" + n++;
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/cloudevents+json; charset=utf-8")
                    .header("user-agent", "Pledge-Webhooks/1")
                    .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", sign(secret, id, timestamp, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
            long start = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() / 100 != 2) {
                    failed.incrementAndGet();
                } else if (measuring.get()) {
                    latencies.recordValue((System.nanoTime() - start) / 1_000);
                }
                done.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(concurrency);
        double seconds = duration.toNanos() / 1e9;
        System.out.printf("load: %d in flight, %.0f requests/s over %.0f s after %s of warm-up, %d failed;"
                        + " latency p50=%.1f ms p99=%.1f ms max=%.1f ms%n", concurrency, (done.get() - counted) / seconds,
                seconds, warmUp, failed.get(), latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0, latencies.getMaxValue() / 1000.0);
        executor.shutdownNow();
        return 0;
    }

    // ------------------------------------------------------------------------------ helpers --

    /** The Standard Webhooks signature: v1, base64 of HMAC-SHA256 over "id.timestamp.body" with the secret's bytes. */
    static String sign(String secret, String id, long timestamp, byte[] payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(payload));
    }

    /**
     * A CRM's webhook endpoint at its fastest: reads the request, checks its signature, counts it
     * by subscription (the path, /hook/{n}) and webhook-id, answers 204 at once.
     */
    static final class Receiver implements AutoCloseable {

        final String[] secrets;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger badSignatures = new AtomicInteger();
        final AtomicInteger repeats = new AtomicInteger();
        final AtomicLong measuredDelivered = new AtomicLong();
        final AtomicLong arrivalsInWindow = new AtomicLong();
        final AtomicLong lastArrival = new AtomicLong();
        final Histogram delays = new ConcurrentHistogram(3_600_000L, 3);

        private final HttpServer server;
        private final ExecutorService workers;
        private final Map<String, Integer> eventIndex;
        private final long[] publishedAt;
        private final long firstMeasured;
        private final AtomicLongArray seen;
        private final int events;
        private final Path saveBody;
        private final AtomicBoolean bodySaved = new AtomicBoolean();
        private volatile boolean windowOpen;

        /**
         * @param eventIndex   event id → its number (0..events-1), known before it can arrive
         * @param publishedAt  each event's Kafka timestamp, by number
         * @param firstMeasured the first event number after the warm-up
         */
        Receiver(int port, int threads, int subscriptions, int events, Map<String, Integer> eventIndex, long[] publishedAt,
                 long firstMeasured, Path saveBody) throws IOException {
            this.secrets = new String[subscriptions];
            this.eventIndex = eventIndex;
            this.publishedAt = publishedAt;
            this.firstMeasured = firstMeasured;
            this.events = events;
            this.saveBody = saveBody;
            // a bit per (subscription, event): was it seen before
            this.seen = new AtomicLongArray(Math.max(1, (int) (((long) subscriptions * events + 63) / 64)));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            workers = Executors.newFixedThreadPool(threads);
            server.setExecutor(workers);
            server.createContext("/hook/", this::handle);
            server.start();
        }

        String url(int subscription) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + subscription;
        }

        void windowOpened() {
            windowOpen = true;
        }

        void windowClosed() {
            windowOpen = false;
        }

        private void handle(HttpExchange exchange) throws IOException {
            long arrived = System.currentTimeMillis();
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readAllBytes();
            }
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            int subscription = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (!verified(subscription, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), payload)) {
                badSignatures.incrementAndGet();
            }
            if (saveBody != null && bodySaved.compareAndSet(false, true)) {
                Files.write(saveBody, payload);
            }
            if (windowOpen) {
                arrivalsInWindow.incrementAndGet();
            }
            Integer event = id == null ? null : eventIndex.get(id);
            if (event != null) {
                long bit = (long) subscription * events + event;
                long mask = 1L << (bit % 64);
                long before = seen.getAndAccumulate((int) (bit / 64), mask, (a, b) -> a | b);
                if ((before & mask) != 0) {
                    repeats.incrementAndGet();
                } else if (event >= firstMeasured) {
                    delays.recordValue(Math.max(0, arrived - publishedAt[event]));
                    measuredDelivered.incrementAndGet();
                    lastArrival.accumulateAndGet(arrived, Math::max);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        private boolean verified(int subscription, String id, String timestamp, String signatures, byte[] payload) {
            if (subscription < 0 || subscription >= secrets.length || secrets[subscription] == null || id == null
                    || timestamp == null || signatures == null) {
                return false;
            }
            try {
                byte[] expected = sign(secrets[subscription], id, Long.parseLong(timestamp), payload).getBytes(StandardCharsets.UTF_8);
                for (String signature : signatures.split(" ")) {
                    if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                        return true;
                    }
                }
                return false;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    /**
     * Endpoints that are down. hang: a port that accepts every connection and never answers, so
     * each attempt waits out the service's answer timeout (the worst case); refuse: a port nothing
     * listens on, so each attempt fails at once.
     */
    static final class DeadEndpoint implements AutoCloseable {

        private final ServerSocket socket;
        private final int port;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dead-endpoint-reader");
            t.setDaemon(true);
            return t;
        });
        private final Thread acceptor;

        DeadEndpoint(String mode) throws IOException {
            switch (mode) {
                case "hang" -> {
                    socket = new ServerSocket(0, 1024, java.net.InetAddress.getLoopbackAddress());
                    port = socket.getLocalPort();
                    acceptor = new Thread(this::accept, "dead-endpoint");
                    acceptor.setDaemon(true);
                    acceptor.start();
                }
                case "refuse" -> {
                    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                        port = probe.getLocalPort(); // closed again: nothing listens there
                    }
                    socket = null;
                    acceptor = null;
                }
                default -> throw new IllegalArgumentException("--dead-mode hang or refuse, not " + mode);
            }
        }

        String url(int n) {
            return "http://127.0.0.1:" + port + "/dead/" + n;
        }

        private void accept() {
            while (!socket.isClosed()) {
                Socket connection;
                try {
                    connection = socket.accept();
                } catch (IOException e) {
                    return;
                }
                held.add(connection);
                // the request is read and dropped, never answered, until the caller gives up and closes
                readers.execute(() -> {
                    try (connection; InputStream in = connection.getInputStream()) {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // the caller went away: what a dead endpoint sees anyway
                    }
                    held.remove(connection);
                });
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
            for (Socket s : held) {
                s.close();
            }
            readers.shutdownNow();
        }
    }
}
